package dev.cpcstream.streams.topology;

/**
 * One frame's samples, checked and de-interleaved.
 *
 * @param seq         the frame's position in its source's stream
 * @param timestampMs capture time of its first sample, epoch milliseconds
 * @param length      samples per channel: n
 * @param samples     {@code [channels * n]} floats, channel-major (channel 0's n samples first), PCM scaled to [-1, 1)
 */
public record DecodedFrame(long seq, long timestampMs, int length, float[] samples) {
}
