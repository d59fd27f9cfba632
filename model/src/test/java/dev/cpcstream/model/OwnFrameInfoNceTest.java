package dev.cpcstream.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The novelty score's contrastive term on frames whose right answers are known: one-hot z_t = e_t. */
class OwnFrameInfoNceTest {

    private static final int FRAMES = 6;
    private static final int K = 2;
    private static final int ANCHORS = FRAMES - K;
    private static final int C = 8;
    private static final double TAU = 0.1;

    private final OwnFrameInfoNce loss = new OwnFrameInfoNce(Similarity.COSINE, TAU);

    /** {@code [1, T, C]} with z_t = e_t. */
    private static INDArray oneHotFrames() {
        INDArray z = Nd4j.zeros(1, FRAMES, C);
        for (int t = 0; t < FRAMES; t++) {
            z.putScalar(new int[]{0, t, t}, 1.0);
        }
        return z;
    }

    /** {@code [A, 1, K, C]}: prediction (t, k) is e_{t + k + 1 + shift}. */
    private static INDArray predictionsOf(int shift) {
        INDArray p = Nd4j.zeros(ANCHORS, 1, K, C);
        for (int t = 0; t < ANCHORS; t++) {
            for (int k = 0; k < K; k++) {
                p.putScalar(new int[]{t, 0, k, (t + k + 1 + shift) % FRAMES}, 1.0);
            }
        }
        return p;
    }

    @Test
    void aWindowWhoseFutureIsPredictedScoresNearZero() {
        double expected = Math.log(1 + (FRAMES - 1) * Math.exp(-1 / TAU));
        assertEquals(expected, loss.losses(predictionsOf(0), oneHotFrames(), 1)[0], 1e-6);
    }

    @Test
    void aWindowWhoseFutureIsMispredictedScoresHigh() {
        double wrong = loss.losses(predictionsOf(1), oneHotFrames(), 1)[0];
        assertEquals(1 / TAU, wrong, 0.01, "the right frame scores 0, a wrong one 1/tau");
    }

    @Test
    void eachWindowOfABatchIsScoredOnItsOwnFrames() {
        INDArray predictions = Nd4j.concat(1, predictionsOf(1), predictionsOf(0));          // [A, 2, K, C]
        INDArray frames = Nd4j.concat(0, oneHotFrames(), oneHotFrames());                  // [2, T, C]
        double[] losses = loss.losses(predictions, frames, 1);
        assertEquals(1 / TAU, losses[0], 0.01);
        assertEquals(loss.losses(predictionsOf(0), oneHotFrames(), 1)[0], losses[1], 1e-6);
    }

    @Test
    void scoredAnchorsTargetTheFramesAfterThemselvesNotAfterTheirRank() {
        int stride = 2;
        INDArray p = Nd4j.zeros(ANCHORS / stride, 1, K, C);                   // anchors t = 0 and 2, each predicted
        for (int a = 0; a < ANCHORS / stride; a++) {
            for (int k = 0; k < K; k++) {
                p.putScalar(new int[]{a, 0, k, a * stride + k + 1}, 1.0);
            }
        }
        assertEquals(loss.losses(predictionsOf(0), oneHotFrames(), 1)[0], loss.losses(p, oneHotFrames(), stride)[0],
                1e-6);
    }

    @Test
    void stridedScoresMatchAPlainLoopOverTheSameAnchors() {
        int frames = 20;
        int stride = 3;
        int scored = 6;                                                       // t = 0, 3, ..., 15: t + K < 20
        int batch = 2;
        Random rng = new Random(7);
        double[][][][] p = new double[scored][batch][K][C];
        double[][][] z = new double[batch][frames][C];
        INDArray predictions = Nd4j.zeros(scored, batch, K, C);
        INDArray encoded = Nd4j.zeros(batch, frames, C);
        for (int a = 0; a < scored; a++) {
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < K; k++) {
                    for (int c = 0; c < C; c++) {
                        p[a][b][k][c] = rng.nextGaussian();
                        predictions.putScalar(new int[]{a, b, k, c}, p[a][b][k][c]);
                    }
                }
            }
        }
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < frames; t++) {
                for (int c = 0; c < C; c++) {
                    z[b][t][c] = rng.nextGaussian();
                    encoded.putScalar(new int[]{b, t, c}, z[b][t][c]);
                }
            }
        }
        double[] expected = new double[batch];
        for (int b = 0; b < batch; b++) {
            for (int a = 0; a < scored; a++) {
                for (int k = 0; k < K; k++) {
                    double[] logits = new double[frames];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t < frames; t++) {
                        logits[t] = cosine(p[a][b][k], z[b][t]) / TAU;
                        max = Math.max(max, logits[t]);
                    }
                    double sum = 0;
                    for (double logit : logits) {
                        sum += Math.exp(logit - max);
                    }
                    expected[b] += max + Math.log(sum) - logits[a * stride + k + 1];
                }
            }
            expected[b] /= scored * K;
        }
        assertArrayEquals(expected, loss.losses(predictions, encoded, stride), 1e-4);
    }

    @Test
    void upToSixteenAnchorsAreAllScoredAndLongerWindowsEvenlySpaced() {
        assertEquals(1, OwnFrameInfoNce.anchorStride(1));
        assertEquals(1, OwnFrameInfoNce.anchorStride(OwnFrameInfoNce.MAX_ANCHORS));
        assertEquals(2, OwnFrameInfoNce.anchorStride(OwnFrameInfoNce.MAX_ANCHORS + 1));
        assertEquals(4, OwnFrameInfoNce.anchorStride(52));                   // the mel preset: 13 of 52 anchors
    }

    private static double cosine(double[] u, double[] v) {
        double dot = 0;
        double uu = 0;
        double vv = 0;
        for (int i = 0; i < u.length; i++) {
            dot += u[i] * v[i];
            uu += u[i] * u[i];
            vv += v[i] * v[i];
        }
        return dot / Math.sqrt(uu * vv);
    }

    @Test
    void framesThatAllLookAlikeScoreChance() {
        INDArray same = Nd4j.ones(1, FRAMES, C);
        double chance = loss.losses(predictionsOf(0), same, 1)[0];
        assertEquals(Math.log(FRAMES), chance, 1e-6);
        assertTrue(chance > loss.losses(predictionsOf(0), oneHotFrames(), 1)[0]);
    }
}
