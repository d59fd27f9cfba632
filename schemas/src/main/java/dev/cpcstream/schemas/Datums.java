package dev.cpcstream.schemas;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bare Avro body of one generated record type: written with the current schema, read with any writer schema the
 * current one can read. The framing around it is the caller's. Thread-safe.
 */
final class Datums<T extends SpecificRecord> {

    static {
        PackageTrust.ensure();
    }

    private final SpecificData model;
    private final Schema schema;
    private final DatumWriter<T> writer;
    /** By writer schema: resolving one into the current class is worked out once. */
    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    Datums(Class<T> type) {
        // The class's own model carries its logical-type conversions (timestamp-millis as Instant).
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.writer = (DatumWriter<T>) model.createDatumWriter(schema);
    }

    Schema schema() {
        return schema;
    }

    void write(T record, ByteArrayOutputStream out) {
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode " + schema.getFullName(), e);
        }
    }

    /** @throws UndecodableRecordException if the bytes from {@code offset} on are not one body of {@code writerSchema} */
    T read(byte[] bytes, int offset, Schema writerSchema) {
        BodyCheck.check(bytes, offset, schema, writerSchema);
        DatumReader<T> reader = readers.computeIfAbsent(writerSchema, w -> readerOf(w, bytes));
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, null));
        } catch (IOException | AvroRuntimeException e) {
            // Well framed, yet not resolvable: an enum index past the writer's symbols, or a value the reader
            // cannot take.
            throw new UndecodableRecordException(schema, bytes, "corrupt body: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> readerOf(Schema writerSchema, byte[] bytes) {
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(schema, writerSchema);
        if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new UndecodableRecordException(schema, bytes, "the writer schema " + writerSchema.getFullName()
                    + " cannot be read as the current one: " + compatibility.getDescription(), null);
        }
        return (DatumReader<T>) model.createDatumReader(writerSchema, schema);
    }
}
