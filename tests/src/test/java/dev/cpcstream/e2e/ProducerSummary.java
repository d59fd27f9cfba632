package dev.cpcstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
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
        Map<String, Long> frames = new TreeMap<>();
        summary(producer).get("framesBySource").fields()
                .forEachRemaining(e -> frames.put(e.getKey(), e.getValue().asLong()));
        return frames;
    }

    /** How long the producer took to send them. */
    static double wallSeconds(CliProcess producer) throws IOException, InterruptedException {
        return summary(producer).get("wallSeconds").asDouble();
    }

    private static JsonNode summary(CliProcess producer) throws IOException, InterruptedException {
        return JSON.readTree(producer.awaitLine(line -> line.startsWith("{\"frames\":"), "its summary",
                Duration.ZERO));
    }
}
