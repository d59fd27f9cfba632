package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.Gemm;
import dev.cpcstream.model.nd4j.RowWise;
import dev.cpcstream.model.nd4j.Views;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * g_enc's first layer, conv and channel norm, as one narrow gemm: the same function as {@link Conv1d} followed by
 * {@link ChannelNorm}, in a fraction of the passes over its output.
 *
 * <p>An output frame of the first layer reads only K = q*s*Cin input values u (10 on the paper), so everything the
 * norm needs is a function of u. With {@code a = [u, 1]} and the conv's weight and bias stacked into
 * {@code W' [K+1, C]}, the conv output is {@code y = a W'}; centring W' over channels ({@code Wc}) makes
 * {@code y - mean_c(y) = a Wc}, and sigma^2 = {@code |a Wc|^2 / C = a M a^T} with {@code M = Wc Wc^T / C}, a
 * {@code [K+1, K+1]} matrix. So {@code x-hat = (a / sigma) Wc} and the layer's output before ReLU is the single gemm
 * {@code [a / sigma, 1] . [g * Wc ; beta]}. The backward pass likewise reads the output gradient d in two gemms,
 * {@code [a / sigma, 1]^T d} and {@code d [g * Wc ; g]^T}, and finishes on {@code [K+1, C]} matrices, so the layer's
 * large output is read a few times instead of once for each op of conv, norm and their backward. The first layer
 * needs no input gradient, which keeps the backward pass this short.
 */
final class FoldedInputLayer {

    /** What backward needs: {@code [a / sigma, 1]} for each computed output row, {@code [N, K+2]}, and Wc. */
    record Saved(INDArray scaledInputs, INDArray centredWeights) {
    }

    private FoldedInputLayer() {
    }

    /**
     * {@code padded [B, s*R, Cin]} -> {@code out [B, R, C]}, the normalised conv output before ReLU, laid out as
     * {@link Conv1d#forward} lays out its output (frame t at row {@code shift + t}); rows that hold no frame are left
     * for the caller to zero.
     */
    static Saved forward(Conv1d conv, INDArray blocks, INDArray bias, INDArray gain, INDArray shiftParam,
                         INDArray padded, INDArray out, int shift) {
        int width = conv.blocks * conv.stride * conv.inChannels;                                       // K
        long channels = conv.outChannels;
        INDArray x = conv.inputRows(padded);                                                   // [B*R, s*Cin]
        INDArray y = out.reshape('c', out.size(0) * out.size(1), channels);                    // [B*R, C]
        long computed = conv.computedRows(y, shift);
        INDArray inputs = Nd4j.createUninitialized(x.dataType(), computed, width + 2);         // [N, K+2]: [u, 1, 1]
        long block = (long) conv.stride * conv.inChannels;
        for (int j = 0; j < conv.blocks; j++) {
            columns(inputs, j * block, (j + 1) * block).assign(Views.rows(x, j, j + computed));
        }
        columns(inputs, width, width + 2).assign(1);
        INDArray affine = columns(inputs, 0, width + 1);                                       // a = [u, 1]

        INDArray centred = Nd4j.concat(0, blocks, bias.reshape(1, channels));                  // W' [K+1, C]
        centred.subiColumnVector(centred.mean(1).reshape(width + 1, 1));                       // Wc
        INDArray moments = Gemm.timesTransposed(centred, centred).divi(channels);              // M [K+1, K+1]
        INDArray variance = Gemm.times(affine, moments).muli(affine).sum(1).reshape(computed, 1);
        // a quadratic form can round below zero where the true variance is ~0; the conv + norm path cannot
        Transforms.max(variance, 0.0, false);
        affine.diviColumnVector(Transforms.sqrt(variance.addi(ChannelNorm.EPS), false));       // a / sigma

        INDArray weights = Nd4j.concat(0, centred.mulRowVector(gain.reshape(1, channels)),
                shiftParam.reshape(1, channels));                                              // [K+2, C]
        Nd4j.gemm(inputs, weights, Views.rows(y, shift, shift + computed), false, false, 1.0, 0.0);
        return new Saved(inputs, centred);
    }

    /**
     * Writes the gradients of the conv's weight and bias and of the norm's gain and shift, given {@code dOut
     * [B, R, C]}, the gradient of {@link #forward}'s output (zero on the rows that hold no frame).
     */
    static void backward(Conv1d conv, Saved saved, INDArray gain, INDArray dOut, int shift, INDArray dWeight,
                         INDArray dBias, INDArray dGain, INDArray dShift) {
        INDArray inputs = saved.scaledInputs();                                                // [N, K+2]
        INDArray centred = saved.centredWeights();                                             // Wc [K+1, C]
        long computed = inputs.size(0);
        long width = inputs.size(1) - 2;
        long channels = conv.outChannels;
        INDArray g = gain.reshape(1, channels);
        INDArray d = Views.rows(dOut.reshape('c', dOut.size(0) * dOut.size(1), channels), shift, shift + computed);

        INDArray inputsByGrad = Gemm.transposedTimes(inputs, d);                       // [a/sigma, 1]^T d [K+2, C]
        INDArray byScaledAffine = inputsByGrad.get(NDArrayIndex.interval(0, width + 1), NDArrayIndex.all());
        dShift.assign(inputsByGrad.getRow(width + 1));
        Gemm.columnSums(centred.mul(byScaledAffine), dGain);                    // sum_r d * x-hat, x-hat = (a/sigma) Wc

        INDArray gainedWeights = centred.mulRowVector(g);                                      // g * Wc [K+1, C]
        INDArray projected = Gemm.timesTransposed(d, Nd4j.concat(0, gainedWeights, g));        // [N, K+2]
        INDArray affine = columns(inputs, 0, width + 1);
        // per row: mean_c(dxhat) and mean_c(dxhat * xhat), with dxhat = g * d
        INDArray meanGrad = columns(projected, width + 1, width + 2).div(channels);           // [N, 1]
        INDArray meanGradXhat = columns(projected, 0, width + 1).muli(affine).sum(1).reshape(computed, 1).divi(channels);

        // dy = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / sigma, and dW' = a^T dy:
        //    g * ([a/sigma]^T d) - ([a/sigma]^T mean(dxhat)) 1^T - ([a/sigma]^T diag(mean(dxhat xhat)) [a/sigma]) Wc
        INDArray dAffine = byScaledAffine.mulRowVector(g);                                     // [K+1, C]
        dAffine.subiColumnVector(Gemm.transposedTimes(affine, meanGrad));
        INDArray curvature = Gemm.transposedTimes(affine, RowWise.scaled(affine, meanGradXhat)); // [K+1, K+1]
        dAffine.subi(Gemm.times(curvature, centred));
        dBias.assign(dAffine.getRow(width));
        conv.weightFromBlocks(dAffine.get(NDArrayIndex.interval(0, width), NDArrayIndex.all()), dWeight);
    }

    private static INDArray columns(INDArray m, long from, long to) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }
}
