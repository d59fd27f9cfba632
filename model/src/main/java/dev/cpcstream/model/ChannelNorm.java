package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * CPC_audio's ChannelNorm: each frame is normalised over its channels, then scaled and shifted per channel.
 *
 * <p>Activations are {@code [B, C, T]}; the work runs window by window on {@code [C, T]} slices, and every mean over
 * channels is a gemv {@code 1/C * v[1, C] . x[C, T]}. libnd4j's own column reductions ({@code mean(0)},
 * {@code norm2(0)}) and middle-axis broadcasts of 3-D arrays were 5-10x slower on the paper's first layer. Both
 * directions work in place in arrays the caller owns and allocate nothing of size {@code [C, T]}.
 */
final class ChannelNorm {

    static final double EPS = 1e-5;

    /** What the backward pass needs: the normalised activations {@code [B, C, T]} and sigma {@code [B, T]}. */
    record Saved(INDArray normalized, INDArray sigma) {
    }

    private ChannelNorm() {
    }

    /** Normalises {@code x} in place (it becomes x-hat, kept for backward) and writes {@code out = g * xhat + b}. */
    static Saved forward(INDArray x, INDArray gain, INDArray shift, INDArray out) {
        long batch = x.size(0);
        long c = x.size(1);
        INDArray ones = Nd4j.ones(x.dataType(), 1, c);
        INDArray sigma = Nd4j.createUninitialized(x.dataType(), batch, x.size(2));
        INDArray g = gain.reshape(c, 1);
        INDArray b = shift.reshape(c, 1);
        for (int w = 0; w < batch; w++) {
            INDArray xw = x.slice(w);                                          // [C, T]
            INDArray ow = out.slice(w);                                        // [C, T], first as scratch
            xw.subiRowVector(channelMean(ones, xw));
            // sigma = sqrt(mean(xc^2) + eps), the biased variance as in PyTorch
            INDArray s = sigma.getRow(w).assign(channelMean(ones, xw.mul(xw, ow)));
            Transforms.sqrt(s.addi(EPS), false);
            xw.diviRowVector(s);
            // a BroadcastMulOp along the channels straight into ow was 14x slower than the copy and muliColumnVector
            ow.assign(xw).muliColumnVector(g).addiColumnVector(b);
        }
        return new Saved(x, sigma);
    }

    /**
     * Writes dg and db, and turns {@code d} (the gradient of the output) into the input gradient in place:
     * {@code dx = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / sigma} with {@code dxhat = g * d}.
     * {@code scratch} is any {@code [B, C, T]} array whose contents may be overwritten.
     */
    static void backward(INDArray d, INDArray gain, Saved saved, INDArray scratch, INDArray dGain, INDArray dShift) {
        long batch = d.size(0);
        long c = d.size(1);
        INDArray gRow = gain.reshape(1, c);
        INDArray g = gain.reshape(c, 1);
        dGain.assign(0);
        dShift.assign(0);
        for (int w = 0; w < batch; w++) {
            INDArray dw = d.slice(w);                                           // [C, T]
            INDArray xhat = saved.normalized().slice(w);
            INDArray product = dw.mul(xhat, scratch.slice(w));                  // d * xhat
            dGain.addi(product.sum(1));
            dShift.addi(dw.sum(1));
            // means over channels of dxhat and dxhat * xhat: g^T d / C and g^T (d * xhat) / C, [1, T]
            INDArray meanDxhat = channelMean(gRow, dw);
            INDArray meanDxhatXhat = channelMean(gRow, product);
            Nd4j.exec(new BroadcastMulOp(xhat, meanDxhatXhat.reshape(-1), product, 1));   // xhat * mean(dxhat * xhat)
            dw.muliColumnVector(g)
                    .subi(product)
                    .subiRowVector(meanDxhat)
                    .diviRowVector(saved.sigma().getRow(w));
        }
    }

    /** {@code 1/C * v . x}, {@code v [1, C]}, {@code x [C, T]}: the mean over channels of x weighted by v, {@code [1, T]}. */
    private static INDArray channelMean(INDArray v, INDArray x) {
        return Nd4j.gemm(v, x, false, false).divi(x.size(0));
    }
}
