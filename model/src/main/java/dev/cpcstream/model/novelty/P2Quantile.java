package dev.cpcstream.model.novelty;

import java.util.Arrays;

/**
 * A running estimate of the p-quantile of a stream of numbers in constant memory: the P² algorithm of Jain and
 * Chlamtac (1985). Five markers track the minimum, the p/2-, p- and (1+p)/2-quantiles and the maximum; each new
 * value moves the markers' positions, and a marker that drifts a whole position from where it should be is
 * adjusted by a piecewise-parabolic (P²) interpolation of its neighbours, or a linear one when the parabola would
 * leave them. Until five values were seen the estimate is their exact quantile by nearest rank.
 */
public final class P2Quantile {

    private static final int MARKERS = 5;

    private final double p;
    /** q_i: marker heights. */
    private final double[] heights = new double[MARKERS];
    /** n_i: actual marker positions, 1-based. */
    private final double[] positions = new double[MARKERS];
    /** n'_i: desired marker positions. */
    private final double[] desired = new double[MARKERS];
    /** dn'_i: how far each desired position moves per value. */
    private final double[] increments;
    private long count;

    /** @param p the quantile, in (0, 1) */
    public P2Quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a quantile must be in (0, 1), got " + p);
        }
        this.p = p;
        this.increments = new double[]{0, p / 2, p, (1 + p) / 2, 1};
    }

    public long count() {
        return count;
    }

    /** The current estimate; NaN before the first value. */
    public double value() {
        if (count == 0) {
            return Double.NaN;
        }
        if (count < MARKERS) {
            double[] seen = Arrays.copyOf(heights, (int) count);
            Arrays.sort(seen);
            return seen[(int) Math.min(count - 1, Math.max(0, Math.ceil(p * count) - 1))];
        }
        return heights[2];
    }

    public void add(double x) {
        if (count < MARKERS) {
            heights[(int) count++] = x;
            if (count == MARKERS) {
                Arrays.sort(heights);
                for (int i = 0; i < MARKERS; i++) {
                    positions[i] = i + 1;
                }
                desired[0] = 1;
                desired[1] = 1 + 2 * p;
                desired[2] = 1 + 4 * p;
                desired[3] = 3 + 2 * p;
                desired[4] = MARKERS;
            }
            return;
        }
        count++;
        int cell = cellOf(x);
        for (int i = cell + 1; i < MARKERS; i++) {
            positions[i]++;
        }
        for (int i = 0; i < MARKERS; i++) {
            desired[i] += increments[i];
        }
        for (int i = 1; i < MARKERS - 1; i++) {
            adjust(i);
        }
    }

    /** The k with q_k <= x < q_{k+1}, widening the extreme markers to take x in. */
    private int cellOf(double x) {
        if (x < heights[0]) {
            heights[0] = x;
            return 0;
        }
        if (x >= heights[MARKERS - 1]) {
            heights[MARKERS - 1] = x;
            return MARKERS - 2;
        }
        int k = 0;
        while (x >= heights[k + 1]) {
            k++;
        }
        return k;
    }

    private void adjust(int i) {
        double d = desired[i] - positions[i];
        boolean right = d >= 1 && positions[i + 1] - positions[i] > 1;
        boolean left = d <= -1 && positions[i - 1] - positions[i] < -1;
        if (!right && !left) {
            return;
        }
        int step = right ? 1 : -1;
        double parabolic = parabolic(i, step);
        heights[i] = heights[i - 1] < parabolic && parabolic < heights[i + 1] ? parabolic : linear(i, step);
        positions[i] += step;
    }

    private double parabolic(int i, int d) {
        double below = positions[i] - positions[i - 1];
        double above = positions[i + 1] - positions[i];
        return heights[i] + d / (positions[i + 1] - positions[i - 1])
                * ((below + d) * (heights[i + 1] - heights[i]) / above
                + (above - d) * (heights[i] - heights[i - 1]) / below);
    }

    private double linear(int i, int d) {
        return heights[i] + d * (heights[i + d] - heights[i]) / (positions[i + d] - positions[i]);
    }
}
