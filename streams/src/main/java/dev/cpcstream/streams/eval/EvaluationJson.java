package dev.cpcstream.streams.eval;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one JSON mapper of the evaluation tools: reads embedding lines, writes reports (records, field by field). */
final class EvaluationJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private EvaluationJson() {
    }

    /** Writes {@code report} as indented JSON, creating the parent directory. */
    static void write(Path out, Object report) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
    }
}
