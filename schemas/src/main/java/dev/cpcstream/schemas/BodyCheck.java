package dev.cpcstream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.EOFException;
import java.io.IOException;

/**
 * Checks that the bytes from an offset on are exactly one Avro body of a writer schema, before Avro decodes them.
 *
 * <p>Avro's message decoder reads the body from a stream of unknown length, so a corrupt length prefix makes it
 * allocate what the prefix claims before it finds the bytes missing (AVRO-4329).
 * Skipping the body with a decoder over the array itself costs no allocation, checks every length against the
 * bytes actually there, and leaves the decoder only well-framed input.
 */
final class BodyCheck {

    private BodyCheck() {
    }

    /** @throws UndecodableRecordException saying what is wrong, naming {@code expected} */
    static void check(byte[] bytes, int offset, Schema expected, Schema writer) {
        BinaryDecoder body = DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, null);
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
