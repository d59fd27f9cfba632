package dev.cpcstream.streams.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented command end to end at toy sizes: the table, the JSON and the PNG. */
class NoveltyEvalCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsATableAndWritesTheReportAndTheChart() throws Exception {
        Cli cli = new Cli();
        int exit = cli.run("novelty-eval", "--out", dir.toString(), "--domains", "audio", "--audio-preset", "tiny",
                "--sources", "2", "--train-steps", "2", "--batch-windows", "2", "--before", "12", "--after", "3",
                "--warmup", "4", "--memory", "8");

        assertEquals(0, exit, cli.err.toString());
        String table = cli.out.toString();
        assertTrue(table.contains("audio/generator") && table.contains("audio/noise") && table.contains("log-mel"),
                table);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("novelty.json").toFile());
        assertEquals(2, report.path("scenarios").size());
        JsonNode methods = report.path("scenarios").get(0).path("methods");
        assertEquals(8, methods.size(), "three CPC terms, the loss change, the baseline, three untrained terms");
        for (JsonNode method : methods) {
            assertEquals(2, method.path("sources").asInt());
            double auc = method.path("auc").asDouble();
            assertTrue(auc >= 0 && auc <= 1, method.toString());
        }
        assertTrue(Files.size(dir.resolve("novelty.png")) > 1000);
    }
}
