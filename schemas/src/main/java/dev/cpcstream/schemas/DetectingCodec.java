package dev.cpcstream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;

/**
 * Reads both framed formats, told apart by their first byte ({@code C3} single-object, {@code 00} registry: Avro's
 * single-object magic starts with C3, Confluent's with a zero byte), so a topic can carry both while its producers
 * move from one to the other. Writes with the codec it is given. The bare format has no header to tell it by,
 * so it is never detected.
 */
final class DetectingCodec<T extends SpecificRecord> implements RecordCodec<T> {

    private static final byte SINGLE_OBJECT_MAGIC = (byte) 0xC3;

    private final AvroCodec<T> singleObject;
    private final Optional<RegistryCodec<T>> registry;
    private final RecordCodec<T> writer;

    /** @param registry the registry codec, when a registry is configured */
    DetectingCodec(AvroCodec<T> singleObject, Optional<RegistryCodec<T>> registry, RecordCodec<T> writer) {
        this.singleObject = singleObject;
        this.registry = registry;
        this.writer = writer;
    }

    @Override
    public Schema schema() {
        return singleObject.schema();
    }

    @Override
    public byte[] encode(T record) {
        return writer.encode(record);
    }

    @Override
    public T decode(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == 0) {
            return registry.orElseThrow(() -> new UndecodableRecordException(schema(), bytes,
                    "in the schema-registry wire format, but no " + RegistryConnection.URL + " is set", null))
                    .decode(bytes);
        }
        if (bytes.length > 0 && bytes[0] != SINGLE_OBJECT_MAGIC) {
            throw new UndecodableRecordException(schema(), bytes, String.format("bad magic 0x%02X: neither"
                    + " single-object encoded (0xC3 0x01) nor in the schema-registry wire format (0x00)", bytes[0]),
                    null);
        }
        return singleObject.decode(bytes);
    }
}
