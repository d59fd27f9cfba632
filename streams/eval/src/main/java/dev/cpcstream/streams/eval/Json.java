package dev.cpcstream.streams.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one JSON mapper of the cpcstream tools: the JSON lines the commands print for scripts ({@code jq}, pandas),
 * the reports they write, and the embedding lines the evaluation reads. A record is written as its components in
 * declaration order; numbers JSON cannot hold (NaN before the first training step) are given as null, which is why
 * records use boxed doubles where a value may be missing.
 */
public final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** {@code value} on one line. */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes {@code report} as indented JSON, creating the parent directory. */
    public static void write(Path out, Object report) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
    }

    /** The value, or null where JSON has no number for it. */
    public static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
