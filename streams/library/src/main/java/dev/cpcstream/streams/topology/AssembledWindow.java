package dev.cpcstream.streams.topology;

/**
 * One window cut from a source's frames.
 *
 * @param startSeq    seq of the frame holding the window's first sample
 * @param endSeq      seq of the frame holding its last sample
 * @param timestampMs timestamp of that last frame, epoch milliseconds
 * @param samples     {@code [channels * window]} floats, channel-major, the learner's {@code Window} layout
 */
public record AssembledWindow(long startSeq, long endSeq, long timestampMs, float[] samples) {
}
