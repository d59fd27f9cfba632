package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.Gemm;
import dev.cpcstream.model.nd4j.UnitRows;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * InfoNCE of one window, forward only, with the window's own frames as the negatives (CPC's "same sequence"
 * negatives): prediction W_k c_t must pick z_{t+k} among every z of its window. The novelty score's contrastive
 * term: it needs no queue, which an instance that only follows snapshots never fills, and its keys come from the
 * very weights that produced the context, so it never mixes model versions. The query encoder's z are the keys:
 * the same forward pass computed them, where a key-encoder pass would cost a second one.
 *
 * <p>Scores are those of {@link InfoNce}: {@code cos(p, z) / tau} or {@code p . z / C}.
 */
final class OwnFrameInfoNce {

    private final Similarity similarity;
    private final double tau;

    OwnFrameInfoNce(Similarity similarity, double tau) {
        this.similarity = similarity;
        this.tau = tau;
    }

    /**
     * @param predictions {@code [A, B, K, C]} W_k c_t for every anchor t of every window
     * @param z           {@code [B, T, C]} the window's encoded frames, T = A + K
     * @return per window, the mean over its A*K predictions of the cross-entropy of picking the right frame
     */
    double[] losses(INDArray predictions, INDArray z) {
        long anchors = predictions.size(0);
        long batch = predictions.size(1);
        int k = (int) predictions.size(2);
        long c = predictions.size(3);
        double[] out = new double[(int) batch];
        for (int b = 0; b < (int) batch; b++) {
            // [A, K, C] -> [A*K, C], rows (t, k)
            INDArray p = predictions.get(NDArrayIndex.all(), NDArrayIndex.point(b), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup('c').reshape('c', anchors * k, c);
            INDArray keys = z.slice(b).dup('c');                                            // [T, C]
            if (similarity == Similarity.COSINE) {
                UnitRows.normalize(keys);
                UnitRows.normalize(p);
            }
            double scale = similarity == Similarity.COSINE ? 1.0 / tau : 1.0 / c;
            double[][] logits = Gemm.timesTransposed(p, keys).muli(scale).toDoubleMatrix();   // [A*K, T]
            out[b] = meanCrossEntropy(logits, k);
        }
        return out;
    }

    /** Row (t, k) of {@code logits} targets frame t + k + 1. */
    private static double meanCrossEntropy(double[][] logits, int k) {
        double sum = 0;
        for (int row = 0; row < logits.length; row++) {
            double[] l = logits[row];
            int target = row / k + row % k + 1;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : l) {
                max = Math.max(max, v);
            }
            double exp = 0;
            for (double v : l) {
                exp += Math.exp(v - max);
            }
            sum += max + Math.log(exp) - l[target];
        }
        return sum / logits.length;
    }
}
