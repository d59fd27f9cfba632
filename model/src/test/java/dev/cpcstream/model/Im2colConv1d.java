package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/** The plain reference the shifted-gemm {@link Conv1d} is checked against, channels-first: im2col, one gemm, col2im. */
final class Im2colConv1d {

    private final Conv1d shape;

    Im2colConv1d(Conv1d shape) {
        this.shape = shape;
    }

    /** {@code [Cin*k, B*Tout]}. */
    private INDArray unfold(INDArray x) {
        long batch = x.size(0);
        int outFrames = shape.outputFrames(x.size(2));
        INDArray col = Nd4j.create(x.dataType(), batch, shape.inChannels, 1, shape.kernel, 1, outFrames);
        Convolution.im2col(x.reshape('c', batch, shape.inChannels, 1, x.size(2)), 1, shape.kernel, 1, shape.stride,
                0, shape.padding, 1, 1, false, col);
        return col.permute(1, 2, 3, 0, 4, 5).dup('c').reshape('c', (long) shape.inChannels * shape.kernel, batch * outFrames);
    }

    INDArray forward(INDArray weight, INDArray bias, INDArray x) {
        long batch = x.size(0);
        int outFrames = shape.outputFrames(x.size(2));
        INDArray y = weight.mmul(unfold(x)).addiColumnVector(bias.reshape(shape.outChannels, 1));   // [Cout, B*Tout]
        return y.reshape('c', shape.outChannels, batch, outFrames).permute(1, 0, 2).dup('c');
    }

    /** Returns {dx, dW, db}. */
    INDArray[] backward(INDArray weight, INDArray x, INDArray dOut) {
        long batch = x.size(0);
        int outFrames = shape.outputFrames(x.size(2));
        INDArray d = dOut.permute(1, 0, 2).dup('c').reshape('c', shape.outChannels, batch * outFrames);
        INDArray dWeight = d.mmul(unfold(x).transpose());
        INDArray dBias = d.sum(1);
        INDArray dCols = weight.transpose().mmul(d)
                .reshape('c', shape.inChannels, 1, shape.kernel, batch, 1, outFrames).permute(3, 0, 1, 2, 4, 5).dup('c');
        INDArray dx = Nd4j.create(x.dataType(), batch, shape.inChannels, 1, x.size(2));
        Convolution.col2im(dCols, dx, 1, shape.stride, 0, shape.padding, 1, (int) x.size(2), 1, 1);
        return new INDArray[]{dx.reshape('c', batch, shape.inChannels, x.size(2)), dWeight, dBias};
    }
}
