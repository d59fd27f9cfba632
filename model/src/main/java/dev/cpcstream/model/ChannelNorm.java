package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * CPC_audio's ChannelNorm: each frame is normalised over its channels, then scaled and shifted per channel.
 *
 * <p>Frames are the rows of {@code [R, C]} (channels-last, so a frame's channels are contiguous). Means over channels
 * and sums over frames are gemvs ({@link Gemm}), faster than libnd4j's reductions along either axis. Both directions
 * work in place in arrays the caller owns and allocate nothing of size {@code [R, C]}.
 */
final class ChannelNorm {

    static final double EPS = 1e-5;

    /** What the backward pass needs: the normalised frames {@code [R, C]} and sigma {@code [R, 1]}. */
    record Saved(INDArray normalized, INDArray sigma) {
    }

    private ChannelNorm() {
    }

    /** Normalises {@code x [R, C]} in place (it becomes x-hat, kept for backward) and writes {@code out = g * xhat + b}. */
    static Saved forward(INDArray x, INDArray gain, INDArray shift, INDArray out) {
        x.subiColumnVector(Gemm.times(x, meanWeights(x, null)));
        // sigma = sqrt(mean(xc^2) + eps), the biased variance as in PyTorch; |xc|^2 / C reads xc once, writes nothing
        INDArray norms = x.norm2(1).reshape(x.size(0), 1);                                                // [R, 1]
        INDArray sigma = Transforms.sqrt(norms.muli(norms).divi(x.size(1)).addi(EPS), false);
        x.diviColumnVector(sigma);
        Nd4j.exec(new BroadcastMulOp(x, gain, out, 1));
        out.addiRowVector(shift.reshape(1, -1));
        return new Saved(x, sigma);
    }

    /**
     * Writes dg and db, and turns {@code d [R, C]} (the gradient of the output) into the input gradient in place:
     * {@code dx = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / sigma} with {@code dxhat = g * d}.
     * {@code scratch [R, C]} is any array whose contents may be overwritten.
     */
    static void backward(INDArray d, INDArray gain, Saved saved, INDArray scratch, INDArray dGain, INDArray dShift) {
        INDArray xhat = saved.normalized();
        INDArray gainMean = meanWeights(d, gain);                                                         // g / C
        INDArray product = d.mul(xhat, scratch);                                                          // d * xhat
        Gemm.columnSums(product, dGain);
        Gemm.columnSums(d, dShift);
        INDArray meanDxhat = Gemm.times(d, gainMean);                                                     // [R, 1]
        INDArray meanDxhatXhat = Gemm.times(product, gainMean);
        Nd4j.exec(new BroadcastMulOp(d, gain, d, 1));                                                     // dxhat
        d.subi(product.assign(xhat).muliColumnVector(meanDxhatXhat)).subiColumnVector(meanDxhat)
                .diviColumnVector(saved.sigma());
    }

    /** {@code [C, 1]}: 1/C each, or g/C, so that {@code x . w} is the mean over channels of x (or of g * x). */
    private static INDArray meanWeights(INDArray x, INDArray gain) {
        long c = x.size(1);
        INDArray w = Nd4j.valueArrayOf(new long[]{c, 1}, 1.0 / c, x.dataType());
        return gain == null ? w : w.muli(gain.reshape(c, 1));
    }
}
