package dev.cpcstream.streams.topology;

/**
 * A frame without its samples, which wait in the frames store: what the assembly's state remembers of it.
 *
 * @param seq         its position in its source's stream
 * @param timestampMs capture time of its first sample, epoch milliseconds
 * @param length      samples per channel
 */
record FrameHeader(long seq, long timestampMs, int length) {

    static FrameHeader of(DecodedFrame frame) {
        return new FrameHeader(frame.seq(), frame.timestampMs(), frame.length());
    }
}
