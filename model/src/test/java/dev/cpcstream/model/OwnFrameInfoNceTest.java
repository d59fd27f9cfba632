package dev.cpcstream.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        assertEquals(expected, loss.losses(predictionsOf(0), oneHotFrames())[0], 1e-6);
    }

    @Test
    void aWindowWhoseFutureIsMispredictedScoresHigh() {
        double wrong = loss.losses(predictionsOf(1), oneHotFrames())[0];
        assertEquals(1 / TAU, wrong, 0.01, "the right frame scores 0, a wrong one 1/tau");
    }

    @Test
    void eachWindowOfABatchIsScoredOnItsOwnFrames() {
        INDArray predictions = Nd4j.concat(1, predictionsOf(1), predictionsOf(0));          // [A, 2, K, C]
        INDArray frames = Nd4j.concat(0, oneHotFrames(), oneHotFrames());                  // [2, T, C]
        double[] losses = loss.losses(predictions, frames);
        assertEquals(1 / TAU, losses[0], 0.01);
        assertEquals(loss.losses(predictionsOf(0), oneHotFrames())[0], losses[1], 1e-6);
    }

    @Test
    void framesThatAllLookAlikeScoreChance() {
        INDArray same = Nd4j.ones(1, FRAMES, C);
        double chance = loss.losses(predictionsOf(0), same)[0];
        assertEquals(Math.log(FRAMES), chance, 1e-6);
        assertTrue(chance > loss.losses(predictionsOf(0), oneHotFrames())[0]);
    }
}
