package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products of the training step into new (workspace) arrays through {@code Nd4j.gemm}. {@code INDArray.mmul}
 * took 2.5x as long on the step's shapes (the heads' {@code [928, 256] . [256, 6144]}: 43-55 ms against 18-22 ms,
 * two threads, inside a workspace).
 */
final class Gemm {

    private Gemm() {
    }

    /** {@code a [m, k] . b [k, n]} -> {@code [m, n]}. */
    static INDArray times(INDArray a, INDArray b) {
        return product(a, b, b.size(1), false);
    }

    /** {@code a [m, k] . b^T}, {@code b [n, k]} -> {@code [m, n]}. */
    static INDArray timesTransposed(INDArray a, INDArray b) {
        return product(a, b, b.size(0), true);
    }

    private static INDArray product(INDArray a, INDArray b, long columns, boolean transposeB) {
        INDArray out = Nd4j.createUninitialized(a.dataType(), a.size(0), columns);
        Nd4j.gemm(a, b, out, false, transposeB, 1.0, 0.0);
        return out;
    }
}
