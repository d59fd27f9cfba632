package dev.cpcstream.streams.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The frames store's key format, ordered as the store orders bytes: the sourceId's length and UTF-8 bytes, then the
 * seq big-endian with its sign bit flipped. So one source's frames are one contiguous range in seq order (the length
 * prefix keeps a sourceId from being a prefix of another's key), which a range read returns oldest first.
 */
final class FrameKeySerde implements Serde<FrameKey> {

    @Override
    public Serializer<FrameKey> serializer() {
        return (topic, key) -> {
            byte[] source = key.sourceId().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(Integer.BYTES + source.length + Long.BYTES)
                    .putInt(source.length).put(source).putLong(key.seq() ^ Long.MIN_VALUE).array();
        };
    }

    @Override
    public Deserializer<FrameKey> deserializer() {
        return (topic, data) -> {
            ByteBuffer bytes = ByteBuffer.wrap(data);
            int length = bytes.getInt();
            if (length < 0 || length != data.length - Integer.BYTES - Long.BYTES) {
                throw new SerializationException("corrupt frame key in " + topic + ": " + data.length + " bytes");
            }
            String sourceId = new String(data, Integer.BYTES, length, StandardCharsets.UTF_8);
            return new FrameKey(sourceId, bytes.getLong(Integer.BYTES + length) ^ Long.MIN_VALUE);
        };
    }
}
