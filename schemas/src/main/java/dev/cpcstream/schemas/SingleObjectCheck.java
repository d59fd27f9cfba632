package dev.cpcstream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Checks that bytes hold exactly one single-object encoded record (magic {@code C3 01}, 8-byte little-endian
 * CRC-64-AVRO fingerprint, body) of a known writer schema, before Avro decodes them.
 *
 * <p>The body is checked by {@link BodyCheck}, which says why.
 */
final class SingleObjectCheck {

    private static final int HEADER_LENGTH = 10;

    private SingleObjectCheck() {
    }

    /** @throws UndecodableRecordException saying what is wrong, naming {@code expected} */
    static void check(byte[] bytes, Schema expected, SchemaStore writerSchemas) {
        if (bytes.length < HEADER_LENGTH) {
            throw new UndecodableRecordException(expected, bytes, "shorter than the 10-byte single-object header",
                    null);
        }
        if (bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new UndecodableRecordException(expected, bytes, String.format(
                    "bad magic 0x%02X 0x%02X (expected 0xC3 0x01): not Avro single-object encoded",
                    bytes[0], bytes[1]), null);
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = writerSchemas.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new UndecodableRecordException(expected, bytes, String.format(
                    "unknown writer schema fingerprint %016x: a record of another type, or a version of this one"
                            + " missing from the schema history", fingerprint), null);
        }
        BodyCheck.check(bytes, HEADER_LENGTH, expected, writer);
    }
}
