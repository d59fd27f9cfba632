package dev.cpcstream.schemas;

import org.apache.avro.Schema;

/**
 * Writes and reads one generated record type in one {@link WireFormat}. Implementations are thread-safe: Kafka
 * Streams threads share them.
 */
public interface RecordCodec<T> {

    /** The current schema: the one {@link #encode} writes and {@link #decode} resolves into. */
    Schema schema();

    byte[] encode(T record);

    /**
     * @throws UndecodableRecordException if the bytes are not exactly one record of this type in this format
     * @throws SchemaRegistryException    if the registry that names the writer schema cannot be asked
     */
    T decode(byte[] bytes);
}
