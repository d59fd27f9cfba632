package dev.cpcstream.model;

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
        double scale = cosine ? 1.0 / tau : 1.0 / predictions.size(1);
        UnitRows.Pass unit = cosine ? UnitRows.forward(predictions) : null;
        INDArray q = cosine ? unit.unit() : predictions;
        INDArray pos = q.mul(positives).sum(1).muli(scale);                      // [M]
        INDArray neg = Gemm.timesTransposed(q, negatives).muli(scale);          // [M, C] . [C, N] -> [M, N]
        if (mask != null) {
            neg.addi(mask);
        }
        INDArray logits = Nd4j.concat(1, pos.reshape(m, 1), neg);               // [M, N+1]
        INDArray targets = Nd4j.zeros(logits.dataType(), m, logits.size(1));
        targets.getColumn(0).assign(1.0);                                        // the positive is column 0
        SoftmaxCrossEntropy ce = SoftmaxCrossEntropy.of(logits, targets);

        INDArray dLogits = ce.dLogits().muli(scale);                             // through the scale of the scores
        INDArray dPos = dLogits.getColumn(0).dup();                             // [M]
        INDArray dNeg = dLogits.get(NDArrayIndex.all(), NDArrayIndex.interval(1, logits.size(1)));
        INDArray dq = Gemm.times(dNeg, negatives).addi(positives.mulColumnVector(dPos.reshape(m, 1)));  // [M, C]
        INDArray correct = pos.gt(neg.max(1)).castTo(predictions.dataType());
        return new Result(ce.loss(), cosine ? unit.backward(dq) : dq, correct, alignment(q, positives, cosine, pos));
    }

    private double alignment(INDArray q, INDArray positives, boolean cosine, INDArray scaledPos) {
        INDArray cos;
        if (cosine) {
            cos = scaledPos.mul(tau);
        } else {
            cos = UnitRows.normalize(q.dup()).muli(UnitRows.normalize(positives.dup())).sum(1);
        }
        return 2.0 - 2.0 * cos.meanNumber().doubleValue();
    }
}
