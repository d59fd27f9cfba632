package dev.cpcstream.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Effective rank (Roy and Vetterli, "The effective rank: a measure of effective dimensionality", 2007) of a set of
 * embeddings: {@code exp(H(p))}, where p are the singular values sigma_i of the centred {@code [N, D]} embedding
 * matrix divided by their sum and H is Shannon entropy. D when the variation is spread evenly over D directions, 1
 * when it lies along one line, near 1 for a collapsed representation; 0, by definition here, when there is no
 * variation at all (every embedding equal). It measures the shape of the cloud, not its size.
 *
 * <p>The sigma_i are the square roots of the eigenvalues of the {@code [D, D]} scatter matrix, which LAPACK's
 * {@code syev} (through ND4J) computes, eigenvalues only.
 */
public final class EffectiveRank {

    /**
     * Singular values below this fraction of the data's scale are rounding noise, not variation, and count as zero:
     * identical embeddings then have rank 0, not 1. The scale is the larger of the largest singular value and the
     * largest |x| times sqrt(N), which float32 embeddings are resolved relative to.
     */
    private static final double RESOLUTION = 1e-6;

    private EffectiveRank() {
    }

    /** @param points {@code [N][D]}, N >= 1 */
    public static double of(float[][] points) {
        return of(Nd4j.createFromArray(points));
    }

    /** @param points {@code [N, D]}, N >= 1, any floating type (computed in double; not modified) */
    public static double of(INDArray points) {
        INDArray x = points.castTo(DataType.DOUBLE);
        double[] sigma = singularValues(x);
        double largest = 0;
        for (double s : sigma) {
            largest = Math.max(largest, s);
        }
        double scale = Math.max(largest, x.amaxNumber().doubleValue() * Math.sqrt(x.size(0)));
        double total = 0;
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = sigma[i] < RESOLUTION * scale ? 0 : sigma[i];
            total += sigma[i];
        }
        if (total == 0) {
            return 0;
        }
        double entropy = 0;
        for (double s : sigma) {
            if (s > 0) {
                entropy -= (s / total) * Math.log(s / total);
            }
        }
        return Math.exp(entropy);
    }

    /** The singular values of {@code x [N, D]} minus its mean row, from the eigenvalues of its scatter. */
    private static double[] singularValues(INDArray x) {
        INDArray centred = x.subRowVector(x.mean(0));                                   // [N, D]
        INDArray scatter = centred.transpose().mmul(centred);                           // [D, D], overwritten by syev
        INDArray eigenvalues = Nd4j.create(DataType.DOUBLE, scatter.size(0));
        Nd4j.getBlasWrapper().syev('N', 'L', scatter, eigenvalues);
        double[] sigma = eigenvalues.toDoubleVector();
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = Math.sqrt(Math.max(0, sigma[i]));           // rounding leaves null directions slightly negative
        }
        return sigma;
    }
}
