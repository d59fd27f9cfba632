package dev.cpcstream.model;

import java.util.Arrays;

/**
 * PCL's concentration phi of each prototype (Li et al. 2021, eq. 12), the per-prototype temperature of ProtoNCE:
 * large for a loose cluster, small for a tight one, where a single temperature would treat them alike.
 * <pre>
 *   phi_m = sum_z ||v_z - c_m|| / (n_m log(n_m + alpha))       over the n_m keys v_z assigned to prototype m
 * </pre>
 * then, as PCL's {@code run_kmeans} does, clusters of at most one key take the largest phi of the others, every phi is clamped to
 * the 10th..90th percentile, and all are rescaled so that their mean is tau.
 */
final class Concentrations {

    /** PCL's smoothing: keeps a small cluster from getting a tiny phi, hence a sharp peak. */
    static final double ALPHA = 10;
    private static final double LOW_PERCENTILE = 10;
    private static final double HIGH_PERCENTILE = 90;

    private Concentrations() {
    }

    /**
     * @param distanceSums per prototype, the sum of its keys' distances to it
     * @param sizes        per prototype, how many keys were assigned to it
     * @param tau          the mean the concentrations are rescaled to
     * @return phi per prototype, with mean tau (all tau when no cluster has a spread, e.g. identical keys)
     */
    static double[] estimate(double[] distanceSums, double[] sizes, double tau) {
        int m = distanceSums.length;
        double[] phi = new double[m];
        double largest = 0;
        for (int i = 0; i < m; i++) {
            if (sizes[i] > 1) {
                phi[i] = distanceSums[i] / (sizes[i] * Math.log(sizes[i] + ALPHA));
                largest = Math.max(largest, phi[i]);
            }
        }
        for (int i = 0; i < m; i++) {
            if (sizes[i] <= 1) {
                phi[i] = largest;                       // no spread to measure: PCL takes the loosest cluster's phi
            }
        }
        double[] sorted = phi.clone();
        Arrays.sort(sorted);
        double low = percentile(sorted, LOW_PERCENTILE);
        double high = percentile(sorted, HIGH_PERCENTILE);
        double mean = 0;
        for (int i = 0; i < m; i++) {
            phi[i] = Math.min(Math.max(phi[i], low), high);
            mean += phi[i] / m;
        }
        for (int i = 0; i < m; i++) {
            phi[i] = mean > 0 ? tau * phi[i] / mean : tau;
        }
        return phi;
    }

    /** numpy's default percentile: linear interpolation between the closest ranks of {@code sorted}. */
    static double percentile(double[] sorted, double percent) {
        double rank = percent / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
