package dev.cpcstream.model.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Scales each row of a matrix to unit L2 length: keys, queue entries and the samples the metrics look at. */
public final class UnitRows {

    /** Keeps an all-zero row (a silent frame after ReLU) at zero instead of dividing by zero. */
    public static final double EPS = 1e-8;

    private UnitRows() {
    }

    /** Normalises {@code m [R, C]} in place and returns it. */
    public static INDArray normalize(INDArray m) {
        return m.diviColumnVector(norms(m));
    }

    /** The unit rows of {@code rows [R, C]} as a new array, with what their gradient needs: cosine scores of predictions. */
    public static Pass forward(INDArray rows) {
        INDArray norms = norms(rows);
        return new Pass(rows.dup().diviColumnVector(norms), norms);
    }

    /**
     * @param unit  {@code [R, C]} the rows scaled to unit length, q = r / |r|
     * @param norms {@code [R, 1]} |r|
     */
    public record Pass(INDArray unit, INDArray norms) {

        /** From the gradient w.r.t. the unit rows to that w.r.t. the raw rows: {@code (dq - q (q . dq)) / |r|}. */
        public INDArray backward(INDArray dUnit) {
            INDArray radial = RowWise.dots(unit, dUnit);      // [R, 1]
            return dUnit.sub(RowWise.scaled(unit, radial)).diviColumnVector(norms);
        }
    }

    private static INDArray norms(INDArray m) {
        return m.norm2(1).addi(EPS).reshape(m.size(0), 1);                          // [R, 1]
    }
}
