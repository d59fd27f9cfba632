package dev.cpcstream.streams.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads labels.csv: a header {@code file,<label columns...>,split}, then one row per file, {@code split} being
 * {@code train} or {@code test}. Fields are separated by commas and not quoted, so neither file names nor labels
 * may contain one; the corpus scripts write nothing else.
 */
public final class LabelsFile {

    private static final String FILE = "file";
    private static final String SPLIT = "split";

    private LabelsFile() {
    }

    public static LabelTable read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("labels file " + path + " does not exist");
        }
        try (BufferedReader lines = Files.newBufferedReader(path)) {
            String header = lines.readLine();
            if (header == null) {
                throw new IOException("labels file " + path + " is empty");
            }
            List<String> names = fields(header);
            if (names.size() < 3 || !names.get(0).equals(FILE) || !names.get(names.size() - 1).equals(SPLIT)) {
                throw new IOException(path + ":1: the header must be file,<label columns...>,split; it is " + header);
            }
            List<String> columns = List.copyOf(names.subList(1, names.size() - 1));
            Map<String, LabelTable.Row> rows = new LinkedHashMap<>();
            int number = 1;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) {
                    addRow(rows, columns, fields(line), path + ":" + number + ": ");
                }
            }
            if (rows.isEmpty()) {
                throw new IOException("labels file " + path + " has a header but no rows");
            }
            return new LabelTable(columns, rows);
        }
    }

    private static void addRow(Map<String, LabelTable.Row> rows, List<String> columns, List<String> fields,
                               String where) throws IOException {
        if (fields.size() != columns.size() + 2) {
            throw new IOException(where + fields.size() + " fields where the header has " + (columns.size() + 2));
        }
        String file = fields.get(0);
        Map<String, String> labels = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            String value = fields.get(c + 1);
            if (value.isEmpty()) {
                throw new IOException(where + "'" + file + "' has no " + columns.get(c));
            }
            labels.put(columns.get(c), value);
        }
        Split split;
        try {
            split = Split.parse(fields.get(fields.size() - 1));
        } catch (IllegalArgumentException e) {
            throw new IOException(where + e.getMessage());
        }
        if (rows.put(file, new LabelTable.Row(labels, split)) != null) {
            throw new IOException(where + "'" + file + "' appears a second time");
        }
    }

    private static List<String> fields(String line) {
        return Arrays.stream(line.split(",", -1)).map(String::strip).toList();
    }
}
