package dev.cpcstream.schemas;

/**
 * The schema registry could not be asked, or refused a schema (an incompatible version, no permission). Unlike
 * {@link UndecodableRecordException} it says nothing about the record's bytes, so a caller must not dead-letter a
 * record for it.
 */
public final class SchemaRegistryException extends RuntimeException {

    SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
