package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Scales each row of a matrix to unit L2 length: keys, queue entries and the samples the metrics look at. */
final class UnitRows {

    /** Keeps an all-zero row (a silent frame after ReLU) at zero instead of dividing by zero. */
    private static final double EPS = 1e-8;

    private UnitRows() {
    }

    /** Normalises {@code m [R, C]} in place and returns it. */
    static INDArray normalize(INDArray m) {
        return m.diviColumnVector(m.norm2(1).addi(EPS).reshape(m.size(0), 1));
    }
}
