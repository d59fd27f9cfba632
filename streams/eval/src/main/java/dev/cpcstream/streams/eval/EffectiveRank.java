package dev.cpcstream.streams.eval;

import org.tribuo.math.la.DenseMatrix;

import java.util.List;

/**
 * Effective rank (Roy and Vetterli, 2007) of a set of embeddings: {@code exp(H(p))}, where p are the singular
 * values of the centred N x D embedding matrix divided by their sum and H is Shannon entropy. D when variance is
 * spread evenly over D directions, 1 when it lies along one line, near 1 for a collapsed representation; 0 only when
 * all embeddings are identical. The singular values are the square roots of the eigenvalues of the D x D scatter
 * matrix, which Tribuo decomposes.
 */
final class EffectiveRank {

    /**
     * Singular values below this fraction of the data's scale (largest |x| times sqrt(N)) are rounding noise of
     * float32 embeddings, not variance, and count as zero: identical embeddings then have rank 0, not 1.
     */
    private static final double RESOLUTION = 1e-6;

    private EffectiveRank() {
    }

    /** @param points {@code [N][D]} */
    static double of(List<float[]> points) {
        double[] singularValues = singularValues(points);
        double floor = RESOLUTION * largestMagnitude(points) * Math.sqrt(points.size());
        double total = 0;
        for (int i = 0; i < singularValues.length; i++) {
            singularValues[i] = singularValues[i] < floor ? 0 : singularValues[i];
            total += singularValues[i];
        }
        if (total == 0) {
            return 0;
        }
        double entropy = 0;
        for (double s : singularValues) {
            if (s > 0) {
                entropy -= (s / total) * Math.log(s / total);
            }
        }
        return Math.exp(entropy);
    }

    private static double largestMagnitude(List<float[]> points) {
        double largest = 0;
        for (float[] p : points) {
            for (float x : p) {
                largest = Math.max(largest, Math.abs(x));
            }
        }
        return largest;
    }

    private static double[] singularValues(List<float[]> points) {
        int dimension = points.get(0).length;
        double[] mean = new double[dimension];
        for (float[] p : points) {
            for (int d = 0; d < dimension; d++) {
                mean[d] += p[d] / (double) points.size();
            }
        }
        // Scatter X^T X of the centred points, [D, D], filled from one triangle so it is exactly symmetric.
        double[][] scatter = new double[dimension][dimension];
        for (float[] p : points) {
            for (int i = 0; i < dimension; i++) {
                double xi = p[i] - mean[i];
                for (int j = 0; j <= i; j++) {
                    scatter[i][j] += xi * (p[j] - mean[j]);
                }
            }
        }
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < i; j++) {
                scatter[j][i] = scatter[i][j];
            }
        }
        double[] eigenvalues = DenseMatrix.createDenseMatrix(scatter).eigenDecomposition()
                .orElseThrow(() -> new IllegalStateException("the scatter matrix is not symmetric"))
                .eigenvalues().toArray();
        double[] singular = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            // Rounding leaves the eigenvalues of null directions slightly negative.
            singular[i] = Math.sqrt(Math.max(0, eigenvalues[i]));
        }
        return singular;
    }
}
