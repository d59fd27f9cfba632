package dev.cpcstream.streams.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();
    private final List<GaussianClusters.Labelled> files = GaussianClusters.make(2, 6, 4, 6.0, 7);

    private Path embeddings(List<FileVector> vectors) throws IOException {
        Path path = dir.resolve("embeddings.jsonl");
        EmbeddingsFile.write(path, vectors);
        return path;
    }

    private Path labels(List<String> lines) throws IOException {
        return Files.write(dir.resolve("labels.csv"), lines);
    }

    private int evaluate(Path embeddings, Path labels, String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--embeddings", embeddings.toString(),
                "--labels", labels.toString()));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void printsTheScoresAgainstChanceAndWritesTheSameAsJson() throws IOException {
        Path json = dir.resolve("out/probe.json");
        assertEquals(0, evaluate(embeddings(GaussianClusters.vectors(files)), labels(GaussianClusters.labelsCsv(files)),
                "--label", "kind", "--json", json.toString()), cli.err.toString());
        String table = cli.out.toString();
        assertTrue(table.contains("accuracy    1.000"), table);
        assertTrue(table.contains("chance      0.500 uniform"), table);
        JsonNode report = Json.MAPPER.readTree(json.toFile());
        assertEquals(1.0, report.get("accuracy").doubleValue());
        assertEquals(6, report.get("testFiles").intValue());
        assertEquals(3, report.get("confusion").get(0).get(0).intValue());
    }

    @Test
    void anEmbeddedFileWithoutALabelIsNamed() throws IOException {
        List<String> lines = GaussianClusters.labelsCsv(files);
        String dropped = lines.remove(1).split(",")[0];
        assertFails(evaluate(embeddings(GaussianClusters.vectors(files)), labels(lines)),
                "1 of 12 embedded files have no row in the labels: " + dropped);
    }

    @Test
    void vectorsOfDifferentDimensionsAreRefused() throws IOException {
        List<FileVector> vectors = new ArrayList<>(GaussianClusters.vectors(files));
        vectors.set(3, new FileVector(vectors.get(3).file(), new float[7]));
        assertFails(evaluate(embeddings(vectors), labels(GaussianClusters.labelsCsv(files))),
                "has 7 dimensions, the first line has 4");
    }

    @Test
    void aNonFiniteValueIsRefusedWithItsFileAndDimension() throws IOException {
        Path path = embeddings(GaussianClusters.vectors(files));
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        lines.set(2, "{\"file\":\"" + files.get(2).vector().file() + "\",\"vector\":[0.5,null,1,2]}");
        Files.write(path, lines);
        assertFails(evaluate(path, labels(GaussianClusters.labelsCsv(files))),
                "embeddings.jsonl:3: '" + files.get(2).vector().file() + "' has null at dimension 1");
    }

    @Test
    void anEmptyTestSplitIsRefused() throws IOException {
        List<String> lines = GaussianClusters.labelsCsv(files).stream().map(l -> l.replace(",test", ",train")).toList();
        assertFails(evaluate(embeddings(GaussianClusters.vectors(files)), labels(lines)), "the test split has no");
    }

    @Test
    void aTestClassTheTrainSplitNeverShowsIsRefused() throws IOException {
        // as probing sentence_id would be on a corpus split by sentence
        List<String> lines = GaussianClusters.labelsCsv(files).stream()
                .map(l -> l.endsWith(",test") ? l.replace(",class0,", ",class9,") : l).toList();
        assertFails(evaluate(embeddings(GaussianClusters.vectors(files)), labels(lines)),
                "test files have kind values the train split never shows: class9");
    }

    @Test
    void anUnknownLabelColumnNamesTheKnownOnes() throws IOException {
        assertFails(evaluate(embeddings(GaussianClusters.vectors(files)), labels(GaussianClusters.labelsCsv(files)),
                "--label", "speaker"), "labels have no column 'speaker'; they have [kind]");
    }

    @Test
    void aLabelsFileWithoutASplitColumnSaysWhatTheHeaderMustBe() throws IOException {
        assertFails(evaluate(embeddings(GaussianClusters.vectors(files)), labels(List.of("file,kind", "a.wav,x"))),
                "the header must be file,<label columns...>,split");
    }

    private void assertFails(int exitCode, String message) {
        assertEquals(1, exitCode, cli.out.toString());
        assertTrue(cli.err.toString().startsWith("cpcstream evaluate: "), cli.err.toString());
        assertTrue(cli.err.toString().contains(message), cli.err.toString());
    }
}
