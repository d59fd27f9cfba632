package dev.cpcstream.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast conv paths (oneDNN conv2d; the input layer's gemm over a strided unfold) against the im2col + gemm reference, in single precision as they run in training. */
class Conv1dTest {

    @ParameterizedTest(name = "Cin={0} Cout={1} k={2} s={3} p={4}")
    @CsvSource({"1,32,10,5,3", "32,32,8,4,2", "32,32,4,2,1", "6,16,4,2,1"})
    void fastPathMatchesReference(int in, int out, int k, int s, int p) {
        Nd4j.getRandom().setSeed(5);
        Conv1d conv = new Conv1d(in, out, k, s, p);
        Im2colConv1d reference = new Im2colConv1d(conv);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, in, 200);
        INDArray w = Nd4j.randn(DataType.FLOAT, out, (long) in * k).muli(0.1);
        INDArray b = Nd4j.randn(DataType.FLOAT, out);
        INDArray y = Nd4j.create(DataType.FLOAT, 3, out, conv.outputFrames(200));
        conv.forward(w, b, x, y);
        assertClose(reference.forward(w, b, x), y, "forward");

        INDArray dOut = Nd4j.randn(DataType.FLOAT, y.shape());
        INDArray dx = Nd4j.create(DataType.FLOAT, x.shape());
        INDArray dW = Nd4j.create(DataType.FLOAT, w.shape());
        INDArray db = Nd4j.create(DataType.FLOAT, out);
        conv.backward(w, b, x, dOut, dx, dW, db);
        INDArray[] expected = reference.backward(w, x, dOut);
        assertClose(expected[0], dx, "input gradient");
        assertClose(expected[1], dW, "weight gradient");
        assertClose(expected[2], db, "bias gradient");
    }

    @ParameterizedTest(name = "input layer Cin={0} Cout={1} k={2} s={3} p={4}")
    @CsvSource({"1,32,10,5,3", "6,16,4,2,1", "1,16,8,4,2"})
    void inputLayerMatchesReference(int in, int out, int k, int s, int p) {
        Nd4j.getRandom().setSeed(6);
        Conv1d shape = new Conv1d(in, out, k, s, p);
        InputConv1d conv = new InputConv1d(shape);
        Im2colConv1d reference = new Im2colConv1d(shape);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, in, 200);
        INDArray w = Nd4j.randn(DataType.FLOAT, out, (long) in * k).muli(0.1);
        INDArray b = Nd4j.randn(DataType.FLOAT, out);
        INDArray y = Nd4j.create(DataType.FLOAT, 3, out, shape.outputFrames(200));
        INDArray[] unfolded = conv.forward(w, b, x, y);
        assertClose(reference.forward(w, b, x), y, "forward");

        INDArray dOut = Nd4j.randn(DataType.FLOAT, y.shape());
        INDArray dW = Nd4j.create(DataType.FLOAT, w.shape());
        INDArray db = Nd4j.create(DataType.FLOAT, out);
        conv.backward(unfolded, dOut, dW, db);
        INDArray[] expected = reference.backward(w, x, dOut);
        assertClose(expected[1], dW, "weight gradient");
        assertClose(expected[2], db, "bias gradient");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), what + " shape");
        double scale = expected.norm2Number().doubleValue() / Math.sqrt(expected.length()) + 1e-6;
        double maxError = expected.sub(actual).amaxNumber().doubleValue() / scale;
        assertTrue(maxError < 1e-4, what + ": max error " + maxError + " of the RMS");
    }
}
