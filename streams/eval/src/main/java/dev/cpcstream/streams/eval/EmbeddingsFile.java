package dev.cpcstream.streams.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An embeddings file: one JSON object per line with a "vector" array and the name of what it embeds: "file" as
 * {@code cpcstream embed} and {@code cpcstream baseline} write it (one line per file), or "sourceId" as
 * {@code cpcstream tail} writes it (one line per window, a source's windows in order); an optional "prototype", the
 * model's prototype for the file ({@code embed} with a model that keeps prototypes), is read on its own.
 * Other fields are ignored.
 * Reading checks what every later step assumes: every vector has the first one's dimension and only finite values
 * ({@code embed} writes NaN and infinities as {@code null}).
 */
public final class EmbeddingsFile {

    private EmbeddingsFile() {
    }

    /** One vector per file, as the probe needs them: a file named twice is refused. */
    public static List<FileVector> read(Path path) throws IOException {
        List<FileVector> vectors = readLines(path);
        Set<String> seen = new HashSet<>();
        for (FileVector vector : vectors) {
            if (!seen.add(vector.file())) {
                throw new IOException(path + ": '" + vector.file() + "' appears more than once; evaluate takes one "
                        + "vector per file (embed or baseline output)");
            }
        }
        return vectors;
    }

    /** Every line in order, a name (file or sourceId) repeated as often as it appears. */
    public static List<FileVector> readLines(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("embeddings file " + path + " does not exist");
        }
        List<FileVector> vectors = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(path)) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = path + ":" + number + ": ";
                FileVector vector = parse(line, where);
                if (!vectors.isEmpty() && vector.vector().length != vectors.get(0).vector().length) {
                    throw new IOException(where + "'" + vector.file() + "' has " + vector.vector().length
                            + " dimensions, the first line has " + vectors.get(0).vector().length
                            + "; were two embeddings files concatenated?");
                }
                vectors.add(vector);
            }
        }
        if (vectors.isEmpty()) {
            throw new IOException("embeddings file " + path + " has no lines");
        }
        return vectors;
    }

    /** File to its "prototype", for the lines that name one; empty when none does (no prototypes, or a baseline). */
    public static Map<String, Integer> prototypes(Path path) throws IOException {
        Map<String, Integer> prototypes = new LinkedHashMap<>();
        try (BufferedReader lines = Files.newBufferedReader(path)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    JsonNode node = Json.MAPPER.readTree(line);
                    JsonNode prototype = node.get("prototype");
                    if (prototype != null && prototype.isInt() && node.hasNonNull("file")) {
                        prototypes.put(node.get("file").asText(), prototype.intValue());
                    }
                }
            }
        }
        return prototypes;
    }

    /** One line per vector, in order. */
    public static void write(Path path, List<FileVector> vectors) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(path)) {
            for (FileVector vector : vectors) {
                out.write(Json.line(vector));
                out.newLine();
            }
        }
    }

    private static FileVector parse(String line, String where) throws IOException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IOException(where + "not a JSON object: " + e.getOriginalMessage());
        }
        JsonNode file = node.has("file") ? node.get("file") : node.get("sourceId");
        JsonNode vector = node.get("vector");
        if (file == null || !file.isTextual() || vector == null || !vector.isArray() || vector.isEmpty()) {
            throw new IOException(where + "needs a string \"file\" (or \"sourceId\") and a non-empty array "
                    + "\"vector\"");
        }
        float[] values = new float[vector.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = vector.get(i);
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                throw new IOException(where + "'" + file.textValue() + "' has " + value + " at dimension " + i
                        + ", not a finite number (embed writes NaN and infinities as null)");
            }
            values[i] = value.floatValue();
        }
        return new FileVector(file.textValue(), values);
    }
}
