package dev.cpcstream.streams.eval;

/**
 * Column-wise mean and standard deviation of a matrix: how a file's frame-level features become one vector (each
 * feature's mean over the file, then its std), and how the spread of each embedding dimension is measured.
 */
final class FrameStatistics {

    private FrameStatistics() {
    }

    /** {@code [frames][F]} -> {@code [2F]}: means, then population standard deviations */
    static float[] meanAndStd(double[][] frames) {
        int features = frames[0].length;
        float[] out = new float[2 * features];
        for (int f = 0; f < features; f++) {
            double sum = 0;
            for (double[] frame : frames) {
                sum += frame[f];
            }
            double mean = sum / frames.length;
            double squares = 0;
            for (double[] frame : frames) {
                squares += (frame[f] - mean) * (frame[f] - mean);
            }
            out[f] = (float) mean;
            out[features + f] = (float) Math.sqrt(squares / frames.length);
        }
        return out;
    }
}
