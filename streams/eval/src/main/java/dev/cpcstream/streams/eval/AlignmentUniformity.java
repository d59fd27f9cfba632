package dev.cpcstream.streams.eval;

import java.util.List;

/**
 * The two properties of a contrastive representation in Wang and Isola, "Understanding Contrastive Representation
 * Learning through Alignment and Uniformity on the Hypersphere" (ICML 2020), on L2-normalised embeddings f(x):
 * <ul>
 *   <li>alignment {@code E_pos ||f(x) - f(y)||^alpha} with alpha = 2: 0 when positives coincide, 4 when opposite;
 *   <li>uniformity {@code log E exp(-t ||f(x) - f(y)||^2)} with t = 2 over distinct pairs: 0 when every
 *       embedding is the same point, lower the more evenly they cover the sphere (about -4 for many points in
 *       many dimensions).
 * </ul>
 */
final class AlignmentUniformity {

    private static final double ALPHA = 2;
    private static final double T = 2;

    private AlignmentUniformity() {
    }

    /** @param pairs {@code [P][2][D]} positive pairs, raw (normalised here) */
    static double alignment(List<float[][]> pairs) {
        double sum = 0;
        for (float[][] pair : pairs) {
            sum += Math.pow(squaredDistance(unit(pair[0]), unit(pair[1])), ALPHA / 2);
        }
        return sum / pairs.size();
    }

    /** @param points {@code [N][D]} raw embeddings, N >= 2; every distinct pair counts once: O(N^2 D) */
    static double uniformity(List<float[]> points) {
        List<double[]> units = points.stream().map(AlignmentUniformity::unit).toList();
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < units.size(); i++) {
            for (int j = i + 1; j < units.size(); j++) {
                sum += Math.exp(-T * squaredDistance(units.get(i), units.get(j)));
                pairs++;
            }
        }
        return Math.log(sum / pairs);
    }

    /** v / ||v||; the zero vector stays zero (it has no direction, and no NaN should come of it). */
    private static double[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        double[] u = new double[v.length];
        for (int d = 0; d < v.length; d++) {
            u[d] = norm == 0 ? 0 : v[d] / norm;
        }
        return u;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += (a[d] - b[d]) * (a[d] - b[d]);
        }
        return sum;
    }
}
