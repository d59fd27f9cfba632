package dev.cpcstream.streams.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON lines the commands print for scripts ({@code jq}, pandas): one record, its components in declaration
 * order, on one line. Numbers JSON cannot hold (NaN before the first training step) are given as null, which is
 * why the records below use boxed doubles where a value may be missing.
 */
final class CliJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CliJson() {
    }

    static String line(Object record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The value, or null where JSON has no number for it. */
    static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
