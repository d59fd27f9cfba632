package dev.cpcstream.monitoring;

import java.util.Random;

/** Isotropic standard normal embeddings for tests. */
final class Gaussian {

    private Gaussian() {
    }

    /** {@code [n][h]} independent N(0, 1) entries. */
    static float[][] rows(Random random, int n, int h) {
        float[][] rows = new float[n][h];
        for (float[] row : rows) {
            for (int d = 0; d < h; d++) {
                row[d] = (float) random.nextGaussian();
            }
        }
        return rows;
    }
}
