package dev.cpcstream.streams.eval;

import java.util.Arrays;

/**
 * The area under the ROC curve of a score that should rank positives above negatives: the probability that a random
 * positive outscores a random negative, ties counting half (the Mann-Whitney U statistic over both counts).
 */
final class RocAuc {

    private RocAuc() {
    }

    static double of(double[] positives, double[] negatives) {
        if (positives.length == 0 || negatives.length == 0) {
            return Double.NaN;
        }
        double[] sorted = negatives.clone();
        Arrays.sort(sorted);
        double wins = 0;
        for (double p : positives) {
            int below = lowerBound(sorted, p);
            int notAbove = upperBound(sorted, p);
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) positives.length * negatives.length);
    }

    /** Index of the first value >= x. */
    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first value > x. */
    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
