package dev.cpcstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EffectiveRankTest {

    @Test
    void identicalEmbeddingsAreCompleteCollapse() {
        float[][] sample = new float[100][32];
        for (float[] row : sample) {
            Arrays.fill(row, 0.7f);
            row[3] = -0.2f;
        }

        assertEquals(0, EffectiveRank.of(sample));
    }

    @Test
    void embeddingsAlongOneLineHaveRankOne() {
        Random random = new Random(3);
        int h = 256;
        float[] direction = gaussianRows(random, 1, h)[0];
        float[][] sample = new float[200][h];
        for (float[] row : sample) {
            double t = random.nextGaussian();
            for (int d = 0; d < h; d++) {
                row[d] = (float) (1.0 + t * direction[d]);
            }
        }

        assertEquals(1.0, EffectiveRank.of(sample), 1e-3);
    }

    /** +e_i and -e_i for i < k, in 16 dimensions: centred, with k equal singular values. */
    @Test
    void countsDirectionsOfEqualVariance() {
        for (int k : new int[]{1, 2, 5}) {
            float[][] points = new float[2 * k][16];
            for (int i = 0; i < k; i++) {
                points[2 * i][i] = 1;
                points[2 * i + 1][i] = -1;
            }
            assertEquals(k, EffectiveRank.of(points), 1e-9, k + " axes");
        }
    }

    @Test
    void isotropicEmbeddingsHaveRankCloseToTheirWidth() {
        int h = 64;
        double rank = EffectiveRank.of(gaussianRows(new Random(5), 512, h));

        // 512 samples of a 64-dim Gaussian: the singular values spread by about +-sqrt(64/512) around their mean
        assertTrue(rank > 0.95 * h && rank <= h, "rank " + rank);
    }

    /**
     * Singular values known exactly: a Householder reflection Q (orthogonal) applied to sqrt(n) * diag(s) padded to
     * n rows and centred by mirroring (+rows, -rows), so the rank is exp(H(s / sum s)).
     */
    @Test
    void matchesTheEntropyOfKnownSingularValuesOfARotatedDiagonal() {
        int d = 40;
        Random random = new Random(7);
        double[] s = new double[d];
        double[] v = new double[d];
        double vv = 0;
        for (int i = 0; i < d; i++) {
            s[i] = i % 3 == 0 ? 3.0 : random.nextDouble() * 10;      // a third repeated, as equally strong directions
            v[i] = random.nextGaussian();
            vv += v[i] * v[i];
        }
        float[][] points = new float[2 * d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double qji = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv;  // row i of diag(s) Q^T: s_i q_{j,i}
                points[i][j] = (float) (s[i] * qji);
                points[d + i][j] = -points[i][j];
            }
        }
        double total = Arrays.stream(s).sum();
        double entropy = -Arrays.stream(s).map(x -> x / total).map(p -> p * Math.log(p)).sum();

        assertEquals(Math.exp(entropy), EffectiveRank.of(points), 1e-4);
    }

    @Test
    void leavesItsInputAsItWas() {
        INDArray points = Nd4j.createFromArray(gaussianRows(new Random(9), 20, 6));
        float[] before = points.ravel().toFloatVector();

        EffectiveRank.of(points);

        assertArrayEquals(before, points.ravel().toFloatVector());
    }

    /** {@code [n][h]} independent N(0, 1) entries. */
    private static float[][] gaussianRows(Random random, int n, int h) {
        float[][] rows = new float[n][h];
        for (float[] row : rows) {
            for (int d = 0; d < h; d++) {
                row[d] = (float) random.nextGaussian();
            }
        }
        return rows;
    }
}
