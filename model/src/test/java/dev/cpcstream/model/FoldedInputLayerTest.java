package dev.cpcstream.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The folded first layer against the plain path it replaces, {@link Conv1d} then {@link ChannelNorm}, in single
 * precision: outputs on every frame row, and the four gradients (conv weight and bias, norm gain and shift). The
 * gradient check covers the fold end to end in double precision.
 */
class FoldedInputLayerTest {

    private static final int BATCH = 3;

    @ParameterizedTest(name = "Cin={0} C={1} k={2} s={3} p={4} Tin={5} shift={6}")
    @CsvSource({"1,64,10,5,3,400,2", "6,32,4,2,1,120,1", "2,16,3,2,1,61,0"})
    void matchesConvThenChannelNorm(int in, int channels, int k, int s, int p, int inFrames, int shift) {
        Nd4j.getRandom().setSeed(11);
        Conv1d conv = new Conv1d(in, channels, k, s, p);
        int frames = conv.outputFrames(inFrames);
        int rows = Math.max(conv.minimumRows(inFrames), shift + frames);
        INDArray padded = Nd4j.create(DataType.FLOAT, BATCH, (long) s * rows, in);
        conv.pad(Nd4j.randn(DataType.FLOAT, BATCH, inFrames, in), padded);
        INDArray weight = Nd4j.randn(DataType.FLOAT, k, in, channels).muli(0.3);
        INDArray bias = Nd4j.randn(DataType.FLOAT, channels);
        INDArray gain = Nd4j.rand(DataType.FLOAT, channels).addi(0.5);
        INDArray shiftParam = Nd4j.randn(DataType.FLOAT, channels);
        INDArray blocks = conv.blocks(weight, () -> Nd4j.create(DataType.FLOAT, (long) conv.blocks * s * in, channels));

        INDArray conventional = Nd4j.create(DataType.FLOAT, BATCH, rows, channels);
        INDArray y = Nd4j.create(DataType.FLOAT, BATCH, rows, channels);
        conv.forward(blocks, bias, padded, y, shift, frames);
        ChannelNorm.Saved norm = ChannelNorm.forward(y.reshape(BATCH * rows, channels), gain, shiftParam,
                conventional.reshape(BATCH * rows, channels));
        INDArray folded = Nd4j.create(DataType.FLOAT, BATCH, rows, channels);
        FoldedInputLayer.Saved saved = FoldedInputLayer.forward(conv, blocks, bias, gain, shiftParam, padded, folded,
                shift);
        assertClose(frames(conventional, shift, frames), frames(folded, shift, frames), "output");

        INDArray dOut = Nd4j.zeros(DataType.FLOAT, BATCH, rows, channels);
        frames(dOut, shift, frames).assign(Nd4j.randn(DataType.FLOAT, BATCH, frames, channels));
        INDArray[] expected = gradients(weight, channels);
        INDArray dConventional = dOut.dup().reshape(BATCH * rows, channels);
        ChannelNorm.backward(dConventional, gain, norm, Nd4j.create(DataType.FLOAT, BATCH * rows, channels),
                expected[2], expected[3]);
        conv.backward(blocks, padded, dConventional.reshape(BATCH, rows, channels), shift, null, expected[0],
                expected[1], Nd4j.create(DataType.FLOAT, conv.blocks, channels, (long) s * in));
        INDArray[] actual = gradients(weight, channels);
        FoldedInputLayer.backward(conv, saved, gain, dOut, shift, actual[0], actual[1], actual[2], actual[3]);
        String[] names = {"weight gradient", "bias gradient", "gain gradient", "shift gradient"};
        for (int i = 0; i < names.length; i++) {
            assertClose(expected[i], actual[i], names[i]);
        }
    }

    private static INDArray[] gradients(INDArray weight, int channels) {
        return new INDArray[]{Nd4j.create(DataType.FLOAT, weight.shape()), Nd4j.create(DataType.FLOAT, channels),
                Nd4j.create(DataType.FLOAT, channels), Nd4j.create(DataType.FLOAT, channels)};
    }

    private static INDArray frames(INDArray rows, long from, long count) {
        return rows.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = expected.norm2Number().doubleValue() / Math.sqrt(expected.length()) + 1e-6;
        double maxError = expected.sub(actual).amaxNumber().doubleValue() / scale;
        assertTrue(maxError < 1e-3, what + ": max error " + maxError + " of the RMS");
    }
}
