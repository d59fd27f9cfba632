package dev.cpcstream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.SchemaStore;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Checks that bytes hold exactly one single-object encoded record (magic {@code C3 01}, 8-byte little-endian
 * CRC-64-AVRO fingerprint, body) of a known writer schema, before Avro decodes them.
 *
 * <p>Avro's message decoder reads the body from a stream of unknown length, so a corrupt length prefix makes it
 * allocate what the prefix claims before it finds the bytes missing (AVRO-4329).
 * Skipping the body with a decoder over the array itself costs no allocation, checks every length against the
 * bytes actually there, and leaves the decoder only well-framed input.
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
        checkBody(bytes, expected, writer);
    }

    private static void checkBody(byte[] bytes, Schema expected, Schema writer) {
        BinaryDecoder body = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH,
                null);
        try {
            GenericDatumReader.skip(writer, body);
        } catch (EOFException e) {
            throw new UndecodableRecordException(expected, bytes,
                    "truncated body: the bytes end before the record does", e);
        } catch (IOException | RuntimeException e) {
            // Skipping reads nothing but these bytes, so whatever it throws (a negative length, a union branch out
            // of range, a count past Avro's limits) means they are corrupt.
            throw new UndecodableRecordException(expected, bytes, "corrupt body: " + e.getMessage(), e);
        }
        if (body.remainingBytes() > 0) {
            throw new UndecodableRecordException(expected, bytes, body.remainingBytes()
                    + " bytes left over after the record (corrupt body or wrong framing)", null);
        }
    }
}
