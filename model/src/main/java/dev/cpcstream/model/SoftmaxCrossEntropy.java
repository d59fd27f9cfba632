package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.RowWise;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The mean cross-entropy of a row-wise softmax against one-hot targets, and its gradient w.r.t. the logits: the
 * classification both InfoNCE (pick the positive key) and ProtoNCE (pick the positive's prototype) end in.
 *
 * @param loss    mean over the rows of {@code logsumexp(logits) - logit of the target}
 * @param dLogits {@code [M, J]} {@code (softmax - onehot) / M}
 */
record SoftmaxCrossEntropy(double loss, INDArray dLogits) {

    /**
     * @param logits  {@code [M, J]}, left unchanged
     * @param targets {@code [M, J]} one-hot, 1 at each row's target
     */
    static SoftmaxCrossEntropy of(INDArray logits, INDArray targets) {
        long m = logits.size(0);
        INDArray max = logits.max(1);                                               // [M], for a stable exp
        INDArray exp = Transforms.exp(RowWise.minus(logits, max.reshape(m, 1)), false);
        INDArray sum = exp.sum(1);
        INDArray logSumExp = Transforms.log(sum, true).addi(max);
        double loss = logSumExp.subi(logits.mul(targets).sum(1)).meanNumber().doubleValue();
        INDArray softmax = exp.diviColumnVector(sum.reshape(m, 1));
        return new SoftmaxCrossEntropy(loss, softmax.subi(targets).divi(m));
    }
}
