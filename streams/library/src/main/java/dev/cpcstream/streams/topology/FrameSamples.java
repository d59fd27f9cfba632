package dev.cpcstream.streams.topology;

/**
 * One frame's samples as the frames store keeps them until the source's windows have hopped past the frame.
 *
 * @param timestampMs capture time of its first sample, epoch milliseconds
 * @param length      samples per channel
 * @param samples     {@code [channels * length]} floats, channel-major; empty for a zero-filled missing frame
 */
record FrameSamples(long timestampMs, int length, float[] samples) {

    private static final float[] NONE = new float[0];

    static FrameSamples of(DecodedFrame frame) {
        return new FrameSamples(frame.timestampMs(), frame.length(), frame.samples());
    }

    /** A missing frame's place, zero-filled: stored without samples. */
    static FrameSamples silence(long timestampMs, int length) {
        return new FrameSamples(timestampMs, length, NONE);
    }

    boolean silent() {
        return samples.length == 0;
    }
}
