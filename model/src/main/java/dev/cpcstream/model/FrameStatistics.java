package dev.cpcstream.model;

/**
 * Statistics pooling of a sequence's per-frame vectors (the encoder's z_t or the contexts c_t): their mean and
 * standard deviation over every frame, as one vector {@code [mean (D), std (D)]}. A file or a long stretch of a
 * stream becomes one fixed-size embedding that keeps both what its frames share and how much they vary (x-vector
 * style pooling; the spectral baselines pool their frames the same way, so a probe compares like with like).
 *
 * <p>Frames are added one window at a time; sums are kept in double precision so that a long sequence of small
 * float vectors loses nothing to rounding.
 */
public final class FrameStatistics {

    private final double[] sum;
    private final double[] sumOfSquares;
    private long frames;

    public FrameStatistics(int width) {
        this.sum = new double[width];
        this.sumOfSquares = new double[width];
    }

    /** Adds every frame of one window: {@code frames [T][D]}. */
    public void add(float[][] window) {
        for (float[] v : window) {
            if (v.length != sum.length) {
                throw new IllegalArgumentException("a frame has " + v.length + " values, expected " + sum.length);
            }
            for (int d = 0; d < v.length; d++) {
                sum[d] += v[d];
                sumOfSquares[d] += (double) v[d] * v[d];
            }
        }
        frames += window.length;
    }

    public long frames() {
        return frames;
    }

    /** {@code [2D]}: the mean of every dimension, then its (population) standard deviation. */
    public float[] meanAndStd() {
        if (frames == 0) {
            throw new IllegalStateException("no frames were added");
        }
        int width = sum.length;
        float[] pooled = new float[2 * width];
        for (int d = 0; d < width; d++) {
            double mean = sum[d] / frames;
            double variance = Math.max(0.0, sumOfSquares[d] / frames - mean * mean);   // rounding can go below 0
            pooled[d] = (float) mean;
            pooled[width + d] = (float) Math.sqrt(variance);
        }
        return pooled;
    }
}
