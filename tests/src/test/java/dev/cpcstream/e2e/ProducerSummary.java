package dev.cpcstream.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** What a finished {@code cpcstream produce} process says it sent: its one JSON summary line. */
final class ProducerSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProducerSummary() {
    }

    /** Frames sent per source id, read from the summary of a producer that has exited. */
    static Map<String, Long> framesBySource(CliProcess producer) throws IOException, InterruptedException {
        String summary = producer.awaitLine(line -> line.startsWith("{\"frames\":"), "its summary", Duration.ZERO);
        Map<String, Long> frames = new TreeMap<>();
        JSON.readTree(summary).get("framesBySource").fields()
                .forEachRemaining(e -> frames.put(e.getKey(), e.getValue().asLong()));
        return frames;
    }
}
