package dev.cpcstream.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * SimCLR-style in-batch negatives ({@code batchNegatives}): beside the N keys from the queue, N keys drawn from the
 * batch's own keys, and the mask that keeps each prediction from scoring keys of its own window, which are its
 * positive or its neighbours in time rather than negatives.
 *
 * @param negatives {@code [2N, C]}: the queue's N, then the batch's N
 * @param mask      {@code [M, 2N]}, added to the negative logits: {@link #MASKED} where the key came from the
 *                  prediction's own window, 0 elsewhere
 */
record InBatchNegatives(INDArray negatives, INDArray mask) {

    /** Added to the logit of an in-batch key from the anchor's own window, which is no negative. */
    static final double MASKED = -1e4;

    /**
     * @param queueNegatives {@code [N, C]} drawn from the queue
     * @param keys           {@code [T*B, C]} the batch's keys, rows ordered (t, b)
     * @param windows        B
     */
    static InBatchNegatives draw(INDArray queueNegatives, INDArray keys, int windows, CpcConfig config,
                                 SplittableRandom rng) {
        int[] rows = rng.ints(config.negatives(), 0, (int) keys.size(0)).toArray();
        INDArray negatives = Nd4j.concat(0, queueNegatives, Nd4j.pullRows(keys, 1, rows));     // [2N, C]
        return new InBatchNegatives(negatives, ownWindowMask(rows, windows, config, keys.dataType()));
    }

    private static INDArray ownWindowMask(int[] keyRows, int windows, CpcConfig config, DataType type) {
        int k = config.stepsAhead();
        long rows = (long) config.anchors() * windows * k;
        int n = config.negatives();
        float[] mask = new float[(int) (rows * 2 * n)];
        for (long r = 0; r < rows; r++) {
            long window = (r / k) % windows;                          // rows are (t, b, k)
            for (int j = 0; j < n; j++) {
                if (keyRows[j] % windows == window) {                 // key rows are (t, b)
                    mask[(int) (r * 2 * n + n + j)] = (float) MASKED;
                }
            }
        }
        return Nd4j.create(mask, new long[]{rows, 2L * n}, 'c').castTo(type);
    }
}
