package dev.cpcstream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;

/**
 * {@link WireFormat#BARE}: the Avro body alone, as Spark's {@code from_avro} and Flink's plain {@code avro} format
 * read it. Nothing in the bytes names the writer schema, so the reader takes them to be written with its own.
 */
public final class BareCodec<T extends SpecificRecord> implements RecordCodec<T> {

    private final Datums<T> datums;

    private BareCodec(Class<T> type) {
        this.datums = new Datums<>(type);
    }

    public static <T extends SpecificRecord> BareCodec<T> of(Class<T> type) {
        return new BareCodec<>(type);
    }

    @Override
    public Schema schema() {
        return datums.schema();
    }

    @Override
    public byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        datums.write(record, out);
        return out.toByteArray();
    }

    @Override
    public T decode(byte[] bytes) {
        return datums.read(bytes, 0, datums.schema());
    }
}
