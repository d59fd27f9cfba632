package dev.cpcstream.streams.eval;

import java.util.Arrays;
import java.util.List;

/**
 * How much each embedding dimension varies across the set. A dimension whose standard deviation is a tiny fraction
 * of the largest one carries no information: many such dimensions are the dimensional collapse that effective rank
 * summarises.
 *
 * @param std       {@code [D]} population standard deviation of each dimension
 * @param min       the smallest of them
 * @param median    their median
 * @param max       the largest
 * @param collapsed dimensions whose std is below {@link #COLLAPSED_FRACTION} of the largest
 */
public record DimensionSpread(float[] std, double min, double median, double max, int collapsed) {

    static final double COLLAPSED_FRACTION = 0.01;

    /** @param points {@code [N][D]} */
    static DimensionSpread of(List<float[]> points) {
        int dimension = points.get(0).length;
        double[][] rows = points.stream().map(DimensionSpread::widened).toArray(double[][]::new);
        float[] std = Arrays.copyOfRange(FrameStatistics.meanAndStd(rows), dimension, 2 * dimension);
        float[] sorted = std.clone();
        Arrays.sort(sorted);
        double max = sorted[dimension - 1];
        int collapsed = 0;
        for (float s : std) {
            collapsed += s < COLLAPSED_FRACTION * max ? 1 : 0;
        }
        double median = dimension % 2 == 1 ? sorted[dimension / 2]
                : (sorted[dimension / 2 - 1] + sorted[dimension / 2]) / 2.0;
        return new DimensionSpread(std, sorted[0], median, max, collapsed);
    }

    private static double[] widened(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
