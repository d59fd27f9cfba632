package dev.cpcstream.schemas;

import org.apache.avro.Schema;

/**
 * The bytes are not a record of the expected type: not single-object encoded, written with a schema the codec does
 * not know, or cut short or corrupted. The message names the expected type and which of these it was.
 */
public final class UndecodableRecordException extends RuntimeException {

    UndecodableRecordException(Schema expected, byte[] bytes, String why, Throwable cause) {
        super("Cannot decode " + expected.getFullName() + " from " + bytes.length + " bytes: " + why, cause);
    }
}
