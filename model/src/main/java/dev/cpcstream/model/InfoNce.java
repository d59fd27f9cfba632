package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.Gemm;
import dev.cpcstream.model.nd4j.RowWise;
import dev.cpcstream.model.nd4j.UnitRows;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The InfoNCE loss: for each prediction, an (N+1)-way softmax that must pick its positive key among the negatives.
 * Column 0 of the logits is the positive, as in MoCo, so the target of every row is 0.
 *
 * <p>Scores are {@code cos(q, k) / tau} ({@link Similarity#COSINE}; keys arrive unit-normalised) or
 * {@code q . k / C} ({@link Similarity#DOT}).
 */
final class InfoNce {

    /**
     * @param loss         mean cross-entropy over the M predictions
     * @param dPredictions gradient of the loss w.r.t. the raw predictions, {@code [M, C]}
     * @param correct      1 where the positive outscored every negative, else 0, {@code [M]}
     * @param alignment    mean squared distance between unit prediction and unit positive (Wang and Isola)
     */
    record Result(double loss, INDArray dPredictions, INDArray correct, double alignment) {
    }

    private final Similarity similarity;
    private final double tau;

    InfoNce(Similarity similarity, double tau) {
        this.similarity = similarity;
        this.tau = tau;
    }

    /**
     * @param predictions {@code [M, C]} W_k c_t for every anchor t and step k
     * @param positives   {@code [M, C]} the key of z_{t+k} for each row
     * @param negatives   {@code [N, C]} keys shared by every row
     * @param mask        {@code [M, N]} added to the negative logits (large negative where a key must not count), or null
     */
    Result compute(INDArray predictions, INDArray positives, INDArray negatives, INDArray mask) {
        long m = predictions.size(0);
        boolean cosine = similarity == Similarity.COSINE;
        // logit = scale * w_i * (p_i . key), with w_i = 1 / |p_i| for cosine (keys arrive unit-normalised), 1 for
        // dot: the scores come from the raw predictions, and no normalised copy of them is made
        double scale = cosine ? 1.0 / tau : 1.0 / predictions.size(1);
        INDArray norms = predictions.norm2(1).reshape(m, 1);                                          // |p_i|
        INDArray w = cosine ? norms.add(UnitRows.EPS).rdivi(1.0) : Nd4j.ones(predictions.dataType(), m, 1);
        INDArray rawPos = RowWise.dots(predictions, positives);                                           // p_i . key_i
        INDArray logits = Nd4j.concat(1, rawPos, Gemm.timesTransposed(predictions, negatives))      // [M, N+1]
                .muliColumnVector(w.mul(scale));
        INDArray unmasked = mask == null ? logits : logits.dup();
        if (mask != null) {
            negativeColumns(logits).addi(mask);
        }
        INDArray targets = Nd4j.zeros(logits.dataType(), m, logits.size(1));
        targets.getColumn(0).assign(1.0);                                    // the positive is column 0
        SoftmaxCrossEntropy ce = SoftmaxCrossEntropy.of(logits, targets);

        // With G the logits' gradient, dp_i = scale * w_i * (G_i . keys) and, for cosine, minus
        // w_i^2 * (G_i . logits_i) * p_i (the part along p_i that a unit vector cannot follow); masked entries have
        // G = 0 and drop out. The positive's and the radial terms are written first, and the gemm adds the
        // negatives' term onto them.
        INDArray dLogits = ce.dLogits();                                                             // G [M, N+1]
        INDArray radial = cosine ? RowWise.dots(dLogits, unmasked).muli(w).muli(w) : null;
        dLogits.muliColumnVector(w.muli(scale));
        INDArray dPredictions = RowWise.scaled(positives, dLogits.getColumn(0).reshape(m, 1));
        if (cosine) {
            dPredictions.subi(RowWise.scaled(predictions, radial));
        }
        // + G_neg . negatives
        Nd4j.gemm(negativeColumns(dLogits), negatives, dPredictions, false, false, 1.0, 1.0);
        INDArray correct = logits.getColumn(0).gt(negativeColumns(logits).max(1)).castTo(predictions.dataType());
        return new Result(ce.loss(), dPredictions, correct, alignment(rawPos, norms, positives, cosine));
    }

    /** The negatives' columns of a {@code [M, N+1]} matrix of logits or their gradient. */
    private static INDArray negativeColumns(INDArray logits) {
        return logits.get(NDArrayIndex.all(), NDArrayIndex.interval(1, logits.size(1)));
    }

    /** 2 - 2 cos(p_i, key_i), averaged: cos is p_i . key_i over both lengths (a unit key's length is 1). */
    private static double alignment(INDArray rawPos, INDArray norms, INDArray positives, boolean cosine) {
        INDArray lengths = cosine ? norms : norms.mul(positives.norm2(1).reshape(norms.shape()));
        return 2.0 - 2.0 * rawPos.div(lengths.add(UnitRows.EPS)).meanNumber().doubleValue();
    }
}
