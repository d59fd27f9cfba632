package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * CPC_audio's ChannelNorm: each frame is normalised over its channels, then scaled and shifted per channel.
 *
 * <p>Activations are {@code [B, C, T]}; the work runs window by window on {@code [C, T]} slices, and every mean over
 * channels is a gemv {@code 1/C * ones[1, C] . x[C, T]}. libnd4j's own column reductions ({@code mean(0)},
 * {@code norm2(0)}) and middle-axis broadcasts of 3-D arrays were 5-10x slower on the paper's first layer.
 */
final class ChannelNorm {

    static final double EPS = 1e-5;

    /** What the backward pass needs: the normalised activations {@code [B, C, T]} and sigma {@code [B, T]}. */
    record Saved(INDArray normalized, INDArray sigma) {
    }

    private ChannelNorm() {
    }

    /** Normalises {@code x} in place (it becomes x-hat, kept for backward) and returns {@code g * xhat + b}. */
    static INDArray forward(INDArray x, INDArray gain, INDArray shift, Saved[] saved) {
        long batch = x.size(0);
        long c = x.size(1);
        INDArray ones = Nd4j.ones(x.dataType(), 1, c);
        INDArray sigma = Nd4j.createUninitialized(x.dataType(), batch, x.size(2));
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
        INDArray g = gain.reshape(c, 1);
        INDArray b = shift.reshape(c, 1);
        for (int w = 0; w < batch; w++) {
            INDArray xw = x.slice(w);                                          // [C, T]
            xw.subiRowVector(channelMean(ones, xw));
            // sigma = sqrt(mean(xc^2) + eps), the biased variance as in PyTorch
            INDArray s = sigma.getRow(w).assign(channelMean(ones, xw.mul(xw)));
            Transforms.sqrt(s.addi(EPS), false);
            xw.diviRowVector(s);
            out.slice(w).assign(xw).muliColumnVector(g).addiColumnVector(b);
        }
        saved[0] = new Saved(x, sigma);
        return out;
    }

    /** Writes dg and db; returns dx = {@code (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / sigma}. */
    static INDArray backward(INDArray dOut, INDArray gain, Saved saved, INDArray dGain, INDArray dShift) {
        long batch = dOut.size(0);
        long c = dOut.size(1);
        INDArray ones = Nd4j.ones(dOut.dataType(), 1, c);
        INDArray g = gain.reshape(c, 1);
        dGain.assign(0);
        dShift.assign(0);
        INDArray dx = Nd4j.createUninitialized(dOut.dataType(), dOut.shape());
        for (int w = 0; w < batch; w++) {
            INDArray d = dOut.slice(w);                                         // [C, T]
            INDArray xhat = saved.normalized().slice(w);
            INDArray product = d.mul(xhat);
            dGain.addi(product.sum(1));
            dShift.addi(d.sum(1));
            INDArray dxhat = dx.slice(w).assign(d).muliColumnVector(g);
            INDArray meanDxhatXhat = channelMean(ones, product.muliColumnVector(g));
            dxhat.subiRowVector(channelMean(ones, dxhat))
                    .subi(xhat.mulRowVector(meanDxhatXhat))
                    .diviRowVector(saved.sigma().getRow(w));
        }
        return dx;
    }

    /** Mean over channels of {@code [C, T]}: {@code [1, T]}. */
    private static INDArray channelMean(INDArray ones, INDArray x) {
        return Nd4j.gemm(ones, x, false, false).divi(x.size(0));
    }
}
