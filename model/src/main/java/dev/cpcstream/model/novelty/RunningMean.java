package dev.cpcstream.model.novelty;

/**
 * The mean of recent vectors, in constant memory: the plain mean of the first {@code memory} vectors, then an
 * exponential moving average with weight {@code 1 / memory} for each new one, so old vectors fade and a reference
 * follows a source that changes slowly.
 */
public final class RunningMean {

    private final int memory;
    private double[] mean;
    private long count;

    public RunningMean(int memory) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be at least 1 vector, got " + memory);
        }
        this.memory = memory;
    }

    public long count() {
        return count;
    }

    public void add(float[] vector) {
        if (mean == null) {
            mean = new double[vector.length];
        }
        count++;
        double weight = 1.0 / Math.min(count, memory);
        for (int i = 0; i < mean.length; i++) {
            mean[i] += weight * (vector[i] - mean[i]);
        }
    }

    /** {@code 1 - cos(vector, mean)}, in [0, 2]; null before the first vector. */
    public Double cosineDistance(float[] vector) {
        if (mean == null) {
            return null;
        }
        double dot = 0;
        double vv = 0;
        double mm = 0;
        for (int i = 0; i < mean.length; i++) {
            dot += vector[i] * mean[i];
            vv += (double) vector[i] * vector[i];
            mm += mean[i] * mean[i];
        }
        return 1.0 - dot / (Math.sqrt(vv * mm) + 1e-12);
    }

    /** Euclidean distance from vector to the mean; null before the first vector. */
    public Double euclideanDistance(float[] vector) {
        if (mean == null) {
            return null;
        }
        double sum = 0;
        for (int i = 0; i < mean.length; i++) {
            double d = vector[i] - mean[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
