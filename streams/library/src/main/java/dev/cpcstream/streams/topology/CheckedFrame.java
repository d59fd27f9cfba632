package dev.cpcstream.streams.topology;

/**
 * A frame that decoded and fits the model, on its way to its source's assembly. The original bytes travel along
 * so a frame found to be too late can still be dead-lettered exactly as it was received.
 */
public record CheckedFrame(DecodedFrame frame, byte[] rawKey, byte[] rawValue) {
}
