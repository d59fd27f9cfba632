package dev.cpcstream.streams.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnoseCommandTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @Test
    void withLabelsPositivesShareALabelAndEverythingGoesToJson() throws IOException {
        List<GaussianClusters.Labelled> files = GaussianClusters.make(3, 4, 8, 6.0, 11);
        Path embeddings = dir.resolve("e.jsonl");
        EmbeddingsFile.write(embeddings, GaussianClusters.vectors(files));
        Path labels = Files.write(dir.resolve("labels.csv"), GaussianClusters.labelsCsv(files));
        Path json = dir.resolve("d.json");
        assertEquals(0, cli.run("diagnose", "--embeddings", embeddings.toString(), "--labels", labels.toString(),
                "--json", json.toString()), cli.err.toString());
        assertTrue(cli.out.toString().contains("(18 pairs, positives: same kind;"), cli.out.toString());
        JsonNode report = Json.MAPPER.readTree(json.toFile());
        assertEquals(12, report.get("lines").intValue());
        assertEquals(8, report.get("spread").get("std").size());
        assertTrue(report.get("effectiveRank").doubleValue() > 1);
    }

    @Test
    void withoutLabelsPositivesAreConsecutiveWindowsOfASourceAsTailWritesThem() throws IOException {
        Path windows = Files.write(dir.resolve("tail.jsonl"), List.of(
                "{\"sourceId\":\"mic\",\"startSeq\":0,\"vector\":[1,0,0]}",
                "{\"sourceId\":\"mic\",\"startSeq\":64,\"vector\":[1,0.1,0]}",
                "{\"sourceId\":\"cam\",\"startSeq\":0,\"vector\":[0,0,1]}"));
        assertEquals(0, cli.run("diagnose", "--embeddings", windows.toString()), cli.err.toString());
        assertTrue(cli.out.toString().contains("(1 pairs, positives: consecutive lines of a source;"),
                cli.out.toString());
    }
}
