package dev.cpcstream.model.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products of the training step through {@code Nd4j.gemm}, into new (workspace) arrays or given views:
 * {@code INDArray.mmul} is markedly slower on the step's shapes.
 */
public final class Gemm {

    private Gemm() {
    }

    /** {@code a [m, k] . b [k, n]} -> {@code [m, n]}. */
    public static INDArray times(INDArray a, INDArray b) {
        return product(a, b, a.size(0), b.size(1), false, false);
    }

    /** {@code a [m, k] . b^T}, {@code b [n, k]} -> {@code [m, n]}. */
    public static INDArray timesTransposed(INDArray a, INDArray b) {
        return product(a, b, a.size(0), b.size(0), false, true);
    }

    /** {@code a^T . b}, {@code a [k, m]}, {@code b [k, n]} -> {@code [m, n]}. */
    public static INDArray transposedTimes(INDArray a, INDArray b) {
        return product(a, b, a.size(1), b.size(1), true, false);
    }

    /**
     * Writes the sums over the rows of {@code a [R, n]} into {@code sums} (n values, e.g. a bias gradient's view):
     * {@code ones[1, R] . a}, a gemv: libnd4j's {@code sum(0)} is a strided pass over the rows.
     */
    public static void columnSums(INDArray a, INDArray sums) {
        Nd4j.gemm(Nd4j.ones(a.dataType(), 1, a.size(0)), a, sums.reshape(1, a.size(1)), false, false, 1.0, 0.0);
    }

    private static INDArray product(INDArray a, INDArray b, long rows, long columns, boolean transposeA,
                                    boolean transposeB) {
        INDArray out = Nd4j.createUninitialized(a.dataType(), rows, columns);
        Nd4j.gemm(a, b, out, transposeA, transposeB, 1.0, 0.0);
        return out;
    }
}
