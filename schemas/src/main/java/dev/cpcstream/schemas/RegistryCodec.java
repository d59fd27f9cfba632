package dev.cpcstream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * {@link WireFormat#REGISTRY}: a zero byte, the writer schema's 4-byte big-endian registry id, then the Avro body,
 * as Confluent's serializers write it. Writing registers the current schema under the codec's subject once; reading
 * asks the registry for each id it has not seen and resolves that writer schema into the current class.
 */
public final class RegistryCodec<T extends SpecificRecord> implements RecordCodec<T> {

    private static final byte MAGIC = 0;
    private static final int HEADER_LENGTH = 5;

    private final Datums<T> datums;
    private final SchemaRegistryClient registry;
    private final String subject;
    /** The current schema's id once registered; -1 before. */
    private volatile int writerId = -1;

    private RegistryCodec(Class<T> type, SchemaRegistryClient registry, String subject) {
        this.datums = new Datums<>(type);
        this.registry = registry;
        this.subject = subject;
    }

    /** @param subject where {@link #encode} registers the schema: {@link #valueSubject} of the topic written */
    public static <T extends SpecificRecord> RegistryCodec<T> of(Class<T> type, SchemaRegistryClient registry,
                                                                 String subject) {
        return new RegistryCodec<>(type, registry, subject);
    }

    /** The subject of a topic's values under the registry's default naming (TopicNameStrategy). */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    @Override
    public Schema schema() {
        return datums.schema();
    }

    /**
     * The current schema's id under the subject, registering it if needed; an application calls it at start so that
     * an unreachable registry or an incompatible schema stops it there, not at its first record.
     *
     * @throws SchemaRegistryException if the registry cannot be reached or refuses the schema
     */
    public int register() {
        int id = writerId;
        if (id < 0) {
            id = registry.register(subject, datums.schema());
            writerId = id;
        }
        return id;
    }

    @Override
    public byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MAGIC);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(register()).array());
        datums.write(record, out);
        return out.toByteArray();
    }

    @Override
    public T decode(byte[] bytes) {
        Schema expected = datums.schema();
        if (bytes.length < HEADER_LENGTH) {
            throw new UndecodableRecordException(expected, bytes, "shorter than the 5-byte registry header", null);
        }
        if (bytes[0] != MAGIC) {
            throw new UndecodableRecordException(expected, bytes, String.format(
                    "bad magic 0x%02X (expected 0x00): not in the schema-registry wire format", bytes[0]), null);
        }
        int id = ByteBuffer.wrap(bytes, 1, Integer.BYTES).getInt();
        Schema writer = registry.schemaById(id).orElseThrow(() -> new UndecodableRecordException(expected, bytes,
                "the schema registry knows no schema id " + id, null));
        return datums.read(bytes, HEADER_LENGTH, writer);
    }
}
