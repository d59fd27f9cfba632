package dev.cpcstream.monitoring;

/**
 * Collapse indicators of a sample of embeddings: how much each dimension varies, and how many dimensions the
 * variation really spreads over.
 *
 * <p>The effective rank (Roy and Vetterli 2007) is exp(-sum p_i ln p_i) with p_i = sigma_i / sum sigma the
 * normalised singular values of the centered sample. It is H for variation spread evenly over all H dimensions, 1
 * when it lies along a single direction, and 0 here, by definition, when there is no variation at all (every
 * embedding equal: complete collapse). It measures the shape of the cloud, not its size, so the per-dimension std
 * is needed beside it to see a cloud that shrinks to a point without changing shape.
 *
 * @param rows          embeddings in the sample
 * @param dimensions    H, the embedding width
 * @param stdMin        smallest standard deviation of one dimension over the sample
 * @param stdMean       standard deviation averaged over the dimensions
 * @param effectiveRank in [0, min(rows, H)]
 */
record EmbeddingStatistics(int rows, int dimensions, double stdMin, double stdMean, double effectiveRank) {

    /** Scatter eigenvalues below this fraction of the largest are rounding noise (sigma below 1e-6 sigma_max). */
    private static final double NOISE_FLOOR = 1e-12;

    static final EmbeddingStatistics NONE = new EmbeddingStatistics(0, 0, Double.NaN, Double.NaN, Double.NaN);

    /** Statistics of {@code sample}, {@code [n][H]}; {@link #NONE} for fewer than two rows (no spread to measure). */
    static EmbeddingStatistics of(float[][] sample) {
        int n = sample.length;
        if (n < 2) {
            return NONE;
        }
        double[][] scatter = centeredScatter(sample);
        int h = scatter.length;
        double stdMin = Double.POSITIVE_INFINITY;
        double stdSum = 0;
        for (int d = 0; d < h; d++) {
            double std = Math.sqrt(scatter[d][d] / n);
            stdMin = Math.min(stdMin, std);
            stdSum += std;
        }
        return new EmbeddingStatistics(n, h, stdMin, stdSum / h, effectiveRank(SymmetricEigenvalues.of(scatter)));
    }

    /** Xc^T Xc, {@code [H][H]}, with Xc the sample minus its mean; its eigenvalues are Xc's squared singular values. */
    private static double[][] centeredScatter(float[][] sample) {
        int n = sample.length;
        int h = sample[0].length;
        double[] mean = new double[h];
        for (float[] row : sample) {
            for (int d = 0; d < h; d++) {
                mean[d] += row[d];
            }
        }
        for (int d = 0; d < h; d++) {
            mean[d] /= n;
        }
        double[][] scatter = new double[h][h];
        double[] centered = new double[h];
        for (float[] row : sample) {
            for (int d = 0; d < h; d++) {
                centered[d] = row[d] - mean[d];
            }
            for (int i = 0; i < h; i++) {
                for (int j = i; j < h; j++) {
                    scatter[i][j] += centered[i] * centered[j];
                }
            }
        }
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < i; j++) {
                scatter[i][j] = scatter[j][i];
            }
        }
        return scatter;
    }

    /**
     * Squaring the sample into its scatter matrix leaves the zero eigenvalues at about 1e-15 of the largest, whose
     * square roots would count as real directions; below {@link #NOISE_FLOOR} of the largest they are taken as zero.
     */
    private static double effectiveRank(double[] eigenvalues) {
        double largest = 0;
        for (double lambda : eigenvalues) {
            largest = Math.max(largest, lambda);
        }
        double[] sigma = new double[eigenvalues.length];
        double sum = 0;
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = eigenvalues[i] > NOISE_FLOOR * largest ? Math.sqrt(eigenvalues[i]) : 0;
            sum += sigma[i];
        }
        if (sum == 0) {
            return 0;
        }
        double entropy = 0;
        for (double s : sigma) {
            double p = s / sum;
            if (p > 0) {
                entropy -= p * Math.log(p);
            }
        }
        return Math.exp(entropy);
    }
}
