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
 * the paper's layer shapes (k = 2s), a kernel that is not a multiple of the stride, one shorter than the stride, and
 * input lengths whose last samples the convolution never reads.
 */
class Conv1dTest {

    private static final int BATCH = 3;

    @ParameterizedTest(name = "Cin={0} Cout={1} k={2} s={3} p={4} Tin={5}")
    @CsvSource({"1,32,10,5,3,200", "32,32,8,4,2,200", "32,32,4,2,1,200", "6,16,4,2,1,200", "8,16,8,4,2,203",
            "8,16,3,2,1,51", "4,8,2,3,0,50"})
    void matchesReference(int in, int out, int k, int s, int p, int inFrames) {
        Nd4j.getRandom().setSeed(5);
        Conv1d conv = new Conv1d(in, out, k, s, p);
        Im2colConv1d reference = new Im2colConv1d(conv);
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, in, inFrames);                // [B, Cin, Tin]
        INDArray w = Nd4j.randn(DataType.FLOAT, out, (long) in * k).muli(0.1);
        INDArray b = Nd4j.randn(DataType.FLOAT, out);
        int outFrames = conv.outputFrames(inFrames);
        int rows = conv.rows(inFrames);

        INDArray padded = Nd4j.create(DataType.FLOAT, BATCH, conv.paddedFrames(inFrames), in);
        conv.pad(x.permute(0, 2, 1), padded);
        INDArray blocks = Nd4j.create(DataType.FLOAT, (long) conv.blocks * s * in, out);
        conv.blockWeights(w, blocks);
        INDArray y = Nd4j.create(DataType.FLOAT, BATCH, rows, out);
        conv.forward(blocks, b, padded, y);
        assertClose(reference.forward(w, b, x), frames(y, outFrames).permute(0, 2, 1), "forward");
        if (rows > outFrames) {
            assertEquals(0.0, y.get(NDArrayIndex.all(), NDArrayIndex.interval(outFrames, rows), NDArrayIndex.all())
                    .amaxNumber().doubleValue(), "straddling rows");
        }

        INDArray dOut = Nd4j.randn(DataType.FLOAT, BATCH, out, outFrames);           // [B, Cout, Tout]
        INDArray dRows = Nd4j.create(DataType.FLOAT, BATCH, rows, out);
        Conv1d.place(dOut.permute(0, 2, 1), dRows, 0);
        INDArray dPadded = Nd4j.create(DataType.FLOAT, padded.shape());
        INDArray dW = Nd4j.create(DataType.FLOAT, w.shape());
        INDArray db = Nd4j.create(DataType.FLOAT, out);
        conv.backward(blocks, padded, dRows, dPadded, dW, db, Nd4j.create(DataType.FLOAT, conv.blocks, out, (long) s * in));
        INDArray[] expected = reference.backward(w, x, dOut);
        INDArray dx = Nd4j.zeros(DataType.FLOAT, BATCH, inFrames, in);                // frames never read get no gradient
        INDArray read = conv.inputFrames(dPadded, inFrames);
        dx.get(NDArrayIndex.all(), NDArrayIndex.interval(0, read.size(1)), NDArrayIndex.all()).assign(read);
        assertClose(expected[0], dx.permute(0, 2, 1), "input gradient");
        assertClose(expected[1], dW, "weight gradient");
        assertClose(expected[2], db, "bias gradient");
    }

    private static INDArray frames(INDArray rows, int frames) {
        return rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, frames), NDArrayIndex.all());
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), what + " shape");
        double scale = expected.norm2Number().doubleValue() / Math.sqrt(expected.length()) + 1e-6;
        double maxError = expected.sub(actual).amaxNumber().doubleValue() / scale;
        assertTrue(maxError < 1e-4, what + ": max error " + maxError + " of the RMS");
    }
}
