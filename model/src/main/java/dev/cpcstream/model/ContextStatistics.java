package dev.cpcstream.model;

/**
 * Statistics pooling of a sequence's contexts: the mean and the standard deviation of c_t over every frame it has,
 * as one vector {@code [mean (H), std (H)]}. A file or a long stretch of a stream becomes one fixed-size
 * embedding that keeps both what its contexts share and how much they vary (x-vector style pooling; the spectral
 * baselines pool their frames the same way, so a probe compares like with like).
 *
 * <p>Frames are added one window at a time; sums are kept in double precision so that a long sequence of small
 * float contexts loses nothing to rounding.
 */
public final class ContextStatistics {

    private final double[] sum;
    private final double[] sumOfSquares;
    private long frames;

    public ContextStatistics(int hidden) {
        this.sum = new double[hidden];
        this.sumOfSquares = new double[hidden];
    }

    /** Adds every frame of one window: {@code contexts [T][H]}. */
    public void add(float[][] contexts) {
        for (float[] c : contexts) {
            if (c.length != sum.length) {
                throw new IllegalArgumentException("a context has " + c.length + " values, expected " + sum.length);
            }
            for (int h = 0; h < c.length; h++) {
                sum[h] += c[h];
                sumOfSquares[h] += (double) c[h] * c[h];
            }
        }
        frames += contexts.length;
    }

    public long frames() {
        return frames;
    }

    /** {@code [2H]}: the mean of every dimension, then its (population) standard deviation. */
    public float[] meanAndStd() {
        if (frames == 0) {
            throw new IllegalStateException("no frames were added");
        }
        int hidden = sum.length;
        float[] pooled = new float[2 * hidden];
        for (int h = 0; h < hidden; h++) {
            double mean = sum[h] / frames;
            double variance = Math.max(0.0, sumOfSquares[h] / frames - mean * mean);   // rounding can go below 0
            pooled[h] = (float) mean;
            pooled[hidden + h] = (float) Math.sqrt(variance);
        }
        return pooled;
    }
}
