package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The first layer of g_enc, which reads the raw samples: few input channels, so its unfolded input
 * {@code [Cin*k, Tout]} per window is small and the layer is one gemm per window. oneDNN's convolution handles this
 * shape (Cin = 1, long signal) poorly; the unfold is a strided view of the padded signal, copied once.
 * Being the first layer it needs no input gradient.
 */
final class InputConv1d {

    final Conv1d shape;

    InputConv1d(Conv1d shape) {
        this.shape = shape;
    }

    /** {@code x [B, Cin, L]} -> {@code out [B, Cout, Tout]}, written in place; returns each window's {@code [Cin*k, Tout]}. */
    INDArray[] forward(INDArray weight, INDArray bias, INDArray x, INDArray out) {
        int batch = (int) x.size(0);
        int outFrames = shape.outputFrames(x.size(2));
        INDArray padded = pad(x);                                            // [B, Cin, L + 2p]
        INDArray b = bias.reshape(shape.outChannels, 1);
        INDArray[] unfolded = new INDArray[batch];
        for (int w = 0; w < batch; w++) {
            INDArray cols = unfold(padded, w, outFrames);
            unfolded[w] = cols;
            INDArray outW = out.slice(w);                                    // [Cout, Tout]
            Nd4j.gemm(weight, cols, outW, false, false, 1.0, 0.0);           // [Cout, Cin*k] . [Cin*k, Tout]
            outW.addiColumnVector(b);
        }
        return unfolded;
    }

    /** Writes dW and db into their gradient views. */
    void backward(INDArray[] unfolded, INDArray dOut, INDArray dWeight, INDArray dBias) {
        for (int w = 0; w < unfolded.length; w++) {
            Nd4j.gemm(dOut.slice(w), unfolded[w], dWeight, false, true, 1.0, w == 0 ? 0.0 : 1.0);
        }
        dBias.assign(dOut.sum(0, 2));
    }

    private INDArray pad(INDArray x) {
        long length = x.size(2);
        INDArray padded = Nd4j.zeros(x.dataType(), x.size(0), x.size(1), length + 2L * shape.padding);
        padded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(shape.padding, shape.padding + length))
                .assign(x);
        return padded;
    }

    /** Window {@code w}'s {@code [Cin*k, Tout]}: element (i, j, t) is {@code padded[w, i, t*s + j]}. */
    private INDArray unfold(INDArray padded, int w, int outFrames) {
        long paddedLength = padded.size(2);
        long offset = padded.offset() + w * shape.inChannels * paddedLength;
        INDArray view = Nd4j.create(padded.data(), new long[]{shape.inChannels, shape.kernel, outFrames},
                new long[]{paddedLength, 1, shape.stride}, offset, 'c', padded.dataType());
        return view.dup('c').reshape('c', (long) shape.inChannels * shape.kernel, outFrames);
    }
}
