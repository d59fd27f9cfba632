package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.UnitRows;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * InfoNCE of one window, forward only, with the window's own frames as the negatives (CPC's "same sequence"
 * negatives): prediction W_k c_t must pick z_{t+k} among every z of its window. The novelty score's contrastive
 * term: it needs no queue, which an instance that only follows snapshots never fills, and its keys come from the
 * very weights that produced the context, so it never mixes model versions. The query encoder's z are the keys:
 * the same forward pass computed them, where a key-encoder pass would cost a second one.
 *
 * <p>Scores are those of {@link InfoNce}: {@code cos(p, z) / tau} or {@code p . z / C}.
 *
 * <p>A long window is scored from evenly spaced anchors ({@link #anchorStride}), not from every one: the loss is a
 * mean over anchors, each of which costs K predictions and a softmax over every frame, so on every embedding the
 * full set would cost nearly as much as the forward pass, while a few anchors estimate the same mean.
 */
final class OwnFrameInfoNce {

    /** Anchors a window is scored from, at most. */
    static final int MAX_ANCHORS = 16;

    private final Similarity similarity;
    private final double tau;

    OwnFrameInfoNce(Similarity similarity, double tau) {
        this.similarity = similarity;
        this.tau = tau;
    }

    /** The spacing of the scored anchors among a window's {@code anchors}: 1 up to {@link #MAX_ANCHORS} of them. */
    static int anchorStride(int anchors) {
        return (anchors + MAX_ANCHORS - 1) / MAX_ANCHORS;
    }

    /**
     * @param predictions {@code [A', B, K, C]} W_k c_t for the scored anchors t = 0, stride, 2 stride, ...
     * @param z           {@code [B, T, C]} the window's encoded frames
     * @param stride      the anchors' spacing
     * @return per window, the mean over its A'*K predictions of the cross-entropy of picking the right frame
     */
    double[] losses(INDArray predictions, INDArray z, int stride) {
        long scored = predictions.size(0);
        int batch = (int) predictions.size(1);
        int k = (int) predictions.size(2);
        long c = predictions.size(3);
        int frames = (int) z.size(1);
        int rows = (int) scored * k;
        INDArray p = predictions.permute(1, 0, 2, 3).dup('c');                   // [A, B, K, C] -> [B, A, K, C]
        INDArray keys = z.dup('c');                                             // [B, T, C]
        if (similarity == Similarity.COSINE) {
            UnitRows.normalize(p.reshape('c', (long) batch * rows, c));
            UnitRows.normalize(keys.reshape('c', (long) batch * frames, c));
        }
        double scale = similarity == Similarity.COSINE ? 1.0 / tau : 1.0 / c;
        INDArray logits = Nd4j.matmul(p.reshape('c', batch, rows, c), keys, false, true, false)
                .muli(scale);                                                   // [B, A*K, T]
        double[] flat = logits.dup('c').data().asDouble();
        double[] out = new double[batch];
        for (int b = 0; b < batch; b++) {
            out[b] = meanCrossEntropy(flat, b * rows * frames, rows, frames, k, stride);
        }
        return out;
    }

    /** Row (a, k) of the {@code [rows, frames]} logits at {@code offset}, anchor t = a stride, targets frame t + k + 1. */
    private static double meanCrossEntropy(double[] logits, int offset, int rows, int frames, int k, int stride) {
        double sum = 0;
        for (int row = 0; row < rows; row++) {
            int from = offset + row * frames;
            int target = row / k * stride + row % k + 1;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < frames; j++) {
                max = Math.max(max, logits[from + j]);
            }
            double exp = 0;
            for (int j = 0; j < frames; j++) {
                exp += Math.exp(logits[from + j] - max);
            }
            sum += max + Math.log(exp) - logits[from + target];
        }
        return sum / rows;
    }
}
