package dev.cpcstream.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shifted-gemm convolution against the im2col + gemm reference, in single precision as it runs in training:
 * the paper's layer shapes (k = 2s), a kernel that is not a multiple of the stride, one shorter than the stride,
 * input lengths whose last samples the convolution never reads, and outputs laid out as a next layer's padded input
 * (frames after a shift, spare rows). The weights and their gradient are views at an offset of a longer vector, as
 * the parameter layout holds every layer's.
 */
class Conv1dTest {

    private static final int BATCH = 3;

    @ParameterizedTest(name = "Cin={0} Cout={1} k={2} s={3} p={4} Tin={5} shift={6} spare rows={7}")
    @CsvSource({"1,32,10,5,3,200,2,0", "32,32,8,4,2,200,1,3", "32,32,4,2,1,200,0,0", "6,16,4,2,1,200,1,1",
            "8,16,8,4,2,203,0,0", "8,16,3,2,1,51,2,0", "4,8,2,3,0,50,0,2", "64,64,3,1,1,64,1,0"})
    void matchesReference(int in, int out, int k, int s, int p, int inFrames, int shift, int spareRows) {
        Nd4j.getRandom().setSeed(5);
        Conv1d conv = new Conv1d(in, out, k, s, p);
        Im2colConv1d reference = new Im2colConv1d(conv);
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, in, inFrames);                // [B, Cin, Tin]
        INDArray w = Nd4j.randn(DataType.FLOAT, out, (long) in * k).muli(0.1);         // PyTorch's [Cout, Cin*k]
        INDArray b = Nd4j.randn(DataType.FLOAT, out);
        int outFrames = conv.outputFrames(inFrames);
        int rows = Math.max(conv.minimumRows(inFrames), shift + outFrames) + spareRows;

        INDArray padded = Nd4j.create(DataType.FLOAT, BATCH, (long) s * rows, in);
        conv.pad(x.permute(0, 2, 1), padded);
        INDArray blocks = conv.blocks(inParameterVector(tapsFirst(w, in, k)),
                () -> Nd4j.create(DataType.FLOAT, (long) conv.blocks * s * in, out));
        INDArray y = Nd4j.create(DataType.FLOAT, BATCH, rows, out);
        conv.forward(blocks, b, padded, y, shift, outFrames);
        assertClose(reference.forward(w, b, x), frames(y, shift, outFrames).permute(0, 2, 1), "forward");
        INDArray others = y.dup();
        frames(others, shift, outFrames).assign(0);
        assertEquals(0.0, others.amaxNumber().doubleValue(), "rows that hold no frame");

        INDArray dOut = Nd4j.randn(DataType.FLOAT, BATCH, out, outFrames);           // [B, Cout, Tout]
        INDArray dRows = Nd4j.zeros(DataType.FLOAT, BATCH, rows, out);
        frames(dRows, shift, outFrames).assign(dOut.permute(0, 2, 1));
        INDArray dPadded = Nd4j.create(DataType.FLOAT, padded.shape());
        INDArray dW = inParameterVector(Nd4j.zeros(DataType.FLOAT, k, in, out));
        INDArray db = Nd4j.create(DataType.FLOAT, out);
        conv.backward(blocks, padded, dRows, shift, dPadded, dW, db, Nd4j.create(DataType.FLOAT, conv.blocks, out, (long) s * in));
        INDArray[] expected = reference.backward(w, x, dOut);
        INDArray dx = Nd4j.zeros(DataType.FLOAT, BATCH, inFrames, in);                // frames never read get no gradient
        long read = Math.min(inFrames, padded.size(1) - p);
        frames(dx, 0, read).assign(frames(dPadded, p, read));
        assertClose(expected[0], dx.permute(0, 2, 1), "input gradient");
        assertClose(tapsFirst(expected[1], in, k), dW, "weight gradient");
        assertClose(expected[2], db, "bias gradient");
    }

    /** PyTorch's {@code [Cout, Cin*k]} -> the parameter's {@code [k, Cin, Cout]}. */
    static INDArray tapsFirst(INDArray w, int in, int k) {
        return w.reshape('c', w.size(0), in, k).permute(2, 1, 0).dup('c');
    }

    /**
     * {@code values} copied into a view at an offset of a longer flat vector, as {@link ParameterLayout#view} gives a
     * parameter block; an offset just under the block's length puts every row after the first past it.
     */
    private static INDArray inParameterVector(INDArray values) {
        long offset = values.length() - 1;
        INDArray flat = Nd4j.zeros(DataType.FLOAT, offset + values.length() + 3);
        return flat.get(NDArrayIndex.interval(offset, offset + values.length())).reshape('c', values.shape())
                .assign(values);
    }

    /** Rows {@code [from, from + count)} of every window of {@code rows [B, R, C]}. */
    private static INDArray frames(INDArray rows, long from, long count) {
        return rows.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), what + " shape");
        double scale = expected.norm2Number().doubleValue() / Math.sqrt(expected.length()) + 1e-6;
        double maxError = expected.sub(actual).amaxNumber().doubleValue() / scale;
        assertTrue(maxError < 1e-4, what + ": max error " + maxError + " of the RMS");
    }
}
