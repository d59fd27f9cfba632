package dev.cpcstream.monitoring;

import dev.cpcstream.model.EffectiveRank;

/**
 * Collapse indicators of a sample of embeddings: how much each dimension varies, and how many dimensions the
 * variation really spreads over ({@link EffectiveRank}, 0 when every embedding is equal: complete collapse). The
 * effective rank measures the shape of the cloud, not its size, so the per-dimension std is needed beside it to see
 * a cloud that shrinks to a point without changing shape.
 *
 * @param rows          embeddings in the sample
 * @param dimensions    H, the embedding width
 * @param stdMin        smallest standard deviation of one dimension over the sample
 * @param stdMean       standard deviation averaged over the dimensions
 * @param effectiveRank in [0, min(rows, H)]
 */
record EmbeddingStatistics(int rows, int dimensions, double stdMin, double stdMean, double effectiveRank) {

    static final EmbeddingStatistics NONE = new EmbeddingStatistics(0, 0, Double.NaN, Double.NaN, Double.NaN);

    /** Statistics of {@code sample}, {@code [n][H]}; {@link #NONE} for fewer than two rows (no spread to measure). */
    static EmbeddingStatistics of(float[][] sample) {
        int n = sample.length;
        if (n < 2) {
            return NONE;
        }
        double[] std = standardDeviations(sample);
        double stdMin = Double.POSITIVE_INFINITY;
        double stdSum = 0;
        for (double s : std) {
            stdMin = Math.min(stdMin, s);
            stdSum += s;
        }
        return new EmbeddingStatistics(n, std.length, stdMin, stdSum / std.length, EffectiveRank.of(sample));
    }

    /** Each dimension's population standard deviation over the sample, two-pass so a large mean costs no digits. */
    private static double[] standardDeviations(float[][] sample) {
        int n = sample.length;
        int h = sample[0].length;
        double[] mean = new double[h];
        for (float[] row : sample) {
            for (int d = 0; d < h; d++) {
                mean[d] += row[d];
            }
        }
        double[] std = new double[h];
        for (int d = 0; d < h; d++) {
            mean[d] /= n;
        }
        for (float[] row : sample) {
            for (int d = 0; d < h; d++) {
                double centred = row[d] - mean[d];
                std[d] += centred * centred;
            }
        }
        for (int d = 0; d < h; d++) {
            std[d] = Math.sqrt(std[d] / n);
        }
        return std;
    }
}
