package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.Gemm;
import dev.cpcstream.model.nd4j.UnitRows;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PCL's ProtoNCE term (Li et al. 2021, eq. 11) on CPC's predicted futures: each prediction W_k c_t must pick, among
 * the P prototypes, the one its positive key (the momentum encoder's z_{t+k}) is nearest to, with logits
 * {@code cos(W_k c_t, c_m) / phi_m}.
 *
 * <p>PCL scores an image's query embedding against the prototype its momentum feature was clustered into. In CPC the
 * query side of a pair is the prediction W_k c_t and the momentum side is the key of the frame it predicts, the very
 * pairs InfoNCE scores; so the positive key's prototype is the prediction's target: InfoNCE asks which frame comes
 * k steps ahead, ProtoNCE which kind of frame. As in PCL, every other prototype is a negative (PCL samples r of its
 * tens of thousands; the tens a stream's queue supports all fit), the loss is averaged over the granularities of
 * {@link PrototypeLevels}, the scores are cosines whatever {@link Similarity} InfoNCE uses, and the prototypes, their
 * concentrations and the targets come from k-means, not gradients: the gradient reaches the predictions only.
 */
final class ProtoNce {

    /**
     * @param loss         mean cross-entropy over the M predictions, averaged over the granularities (not yet weighted)
     * @param dPredictions gradient of that loss w.r.t. the raw predictions, {@code [M, C]}
     */
    record Result(double loss, INDArray dPredictions) {
    }

    private ProtoNce() {
    }

    /**
     * @param predictions {@code [M, C]} W_k c_t for every anchor t and step k
     * @param positives   {@code [M, C]} the key of z_{t+k} for each row
     */
    static Result compute(INDArray predictions, INDArray positives, PrototypeLevels prototypes) {
        UnitRows.Pass q = UnitRows.forward(predictions);
        int granularities = prototypes.levels().size();
        double loss = 0;
        INDArray dUnit = null;                                                               // [M, C]
        for (Prototypes level : prototypes.levels()) {
            INDArray inversePhi = level.concentrations().rdiv(1.0);                          // [P]
            INDArray logits = Gemm.timesTransposed(q.unit(), level.centroids())              // [M, C] . [C, P] -> [M, P]
                    .muliRowVector(inversePhi);
            SoftmaxCrossEntropy ce = SoftmaxCrossEntropy.of(logits, level.nearestOneHot(positives));
            INDArray d = Gemm.times(ce.dLogits().muliRowVector(inversePhi), level.centroids());  // [M, P] . [P, C] -> [M, C]
            loss += ce.loss() / granularities;
            dUnit = dUnit == null ? d : dUnit.addi(d);
        }
        return new Result(loss, q.backward(dUnit.divi(granularities)));
    }
}
