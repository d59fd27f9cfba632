package dev.cpcstream.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/** Moves windows between Java arrays and the network's tensors. */
final class Windows {

    private Windows() {
    }

    /** Windows of equal length -> what the encoder reads of them, {@code [B, channels, steps]}. */
    static INDArray pack(List<Window> windows, int inChannels, Features features, DataType type) {
        int length = windows.get(0).samples().length;
        if (length % inChannels != 0) {
            throw new IllegalArgumentException("a window of " + length + " samples cannot hold " + inChannels + " channels");
        }
        float[] flat = null;
        for (int b = 0; b < windows.size(); b++) {
            float[] samples = windows.get(b).samples();
            if (samples.length != length) {
                throw new IllegalArgumentException("windows of one batch must have one length");
            }
            float[] read = features.of(samples);
            if (flat == null) {
                flat = new float[windows.size() * read.length];
            }
            System.arraycopy(read, 0, flat, b * read.length, read.length);
        }
        long channels = features.channels();
        INDArray x = Nd4j.create(flat, new long[]{windows.size(), channels, flat.length / windows.size() / channels}, 'c');
        return type == DataType.FLOAT ? x : x.castTo(type);
    }

    /** {@code [B, H]} -> one float[] per row. */
    static float[][] rows(INDArray matrix) {
        return matrix.castTo(DataType.FLOAT).toFloatMatrix();
    }

    /** {@code [B, T, D]} (any strides) -> {@code [B][T][D]}. */
    static float[][][] perWindow(INDArray sequences) {
        int batch = (int) sequences.size(0);
        int frames = (int) sequences.size(1);
        int width = (int) sequences.size(2);
        // a copy in one known order first: ND4J M2.1 cannot ravel some 3-D views, nor slice a one-frame window
        float[] flat = sequences.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][][] out = new float[batch][frames][width];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < frames; t++) {
                System.arraycopy(flat, (b * frames + t) * width, out[b][t], 0, width);
            }
        }
        return out;
    }
}
