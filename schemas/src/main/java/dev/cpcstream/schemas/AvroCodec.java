package dev.cpcstream.schemas;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * Avro single-object encoding ({@link WireFormat#SINGLE_OBJECT}) of one generated record type, without a schema
 * registry: each message is the magic
 * {@code C3 01}, the writer schema's 8-byte CRC-64-AVRO fingerprint (little-endian) and the binary body. Decoding
 * looks the fingerprint up in this codec's schema store, which holds the type's {@link SchemaHistory} and any
 * writer schema registered later, and resolves the writer schema into the current class.
 *
 * <p>Thread-safe: Kafka Streams threads may share one codec (see {@link Codecs}).
 */
public final class AvroCodec<T extends SpecificRecord> implements RecordCodec<T> {

    static {
        PackageTrust.ensure();
    }

    private final Schema schema;
    private final SchemaStore.Cache writerSchemas = new SchemaStore.Cache();
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    /** Whether records run to megabytes, so that each is encoded into an array of exactly its size. */
    private final boolean large;

    private AvroCodec(Class<T> type, boolean large) {
        this.large = large;
        // The class's own model carries its logical-type conversions (timestamp-millis as Instant).
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, writerSchemas);
        writerSchemas.addSchema(schema);
        SchemaHistory.versionsOf(schema.getName()).forEach(this::registerWriterSchema);
    }

    /** A codec for a class generated from {@code src/main/avro}, knowing every recorded version of its schema. */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type, false);
    }

    /**
     * As {@link #of}, for records that run to tens of megabytes (checkpoints, snapshots): each is encoded twice, once
     * to count its bytes and once into an array of that size, so the heap holds it once while it is encoded.
     */
    public static <T extends SpecificRecord> AvroCodec<T> ofLarge(Class<T> type) {
        return new AvroCodec<>(type, true);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    /**
     * Lets {@link #decode} read bytes written with {@code writer}, another version of this type's schema that is
     * not in the history (an older one, or a newer one from a producer that upgraded first).
     *
     * @throws IllegalArgumentException if the current schema cannot read what {@code writer} writes
     */
    public void registerWriterSchema(Schema writer) {
        SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(schema, writer);
        if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new IllegalArgumentException(String.format(
                    "Cannot register writer schema %016x for %s: the current schema cannot read it: %s",
                    SchemaNormalization.parsingFingerprint64(writer), schema.getFullName(), describe(compatibility)));
        }
        writerSchemas.addSchema(writer);
    }

    @Override
    public byte[] encode(T record) {
        try {
            if (large) {
                return ExactSizeEncoding.encode(out -> encoder.encode(record, out));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            encoder.encode(record, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode " + schema.getFullName(), e);
        }
    }

    /** @throws UndecodableRecordException if the bytes are not exactly one single-object encoded record of this type */
    @Override
    public T decode(byte[] bytes) {
        SingleObjectCheck.check(bytes, schema, writerSchemas);
        try {
            return decoder.decode(bytes);
        } catch (IOException | AvroRuntimeException e) {
            // Well framed, yet not resolvable: an enum index past the writer's symbols, or a value the reader
            // cannot take.
            throw new UndecodableRecordException(schema, bytes, "corrupt body: " + e.getMessage(), e);
        }
    }

    private static String describe(SchemaPairCompatibility compatibility) {
        return compatibility.getResult().getIncompatibilities().stream()
                .map(incompatibility -> incompatibility.getLocation() + ": " + incompatibility.getMessage())
                .collect(Collectors.joining("; "));
    }
}
