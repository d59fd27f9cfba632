package dev.cpcstream.streams.topology;

import java.util.function.Supplier;

/**
 * A checkpoint as stored, not yet decoded: where it is, for the log, and its bytes, read only when asked for, since
 * restore reads the newest and goes further back only when that one is damaged.
 *
 * @param location e.g. {@code checkpoint topic cpc.checkpoints-0 at offset 12}, or the file
 */
public record StoredCheckpoint(String location, Supplier<byte[]> bytes) {
}
