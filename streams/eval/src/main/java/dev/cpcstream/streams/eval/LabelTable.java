package dev.cpcstream.streams.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What labels.csv says about each file.
 *
 * @param columns the label columns, in file order (without {@code file} and {@code split})
 * @param rows    file name to its row, in file order
 */
public record LabelTable(List<String> columns, Map<String, Row> rows) {

    /**
     * @param labels column to value
     * @param split  train or test
     */
    public record Row(Map<String, String> labels, Split split) {
    }

    /** File names quoted in an error; the count says how many more there are. */
    private static final int NAMED = 5;

    /** @param requested a label column, or null for the first; refused with the known ones if there is none such */
    public String column(String requested) {
        String chosen = requested == null ? columns.get(0) : requested;
        if (!columns.contains(chosen)) {
            throw new IllegalArgumentException("labels have no column '" + chosen + "'; they have " + columns);
        }
        return chosen;
    }

    /** File to its value in {@code column}, for the files that have one. */
    public Map<String, String> valuesOf(String column) {
        Map<String, String> values = new LinkedHashMap<>();
        rows.forEach((file, row) -> {
            String value = row.labels().get(column);
            if (value != null) {
                values.put(file, value);
            }
        });
        return values;
    }

    /** Refuses embedded files without a row, naming some: their scores would silently leave them out. */
    public void requireRowsFor(List<String> files) {
        List<String> unlabelled = files.stream().filter(file -> !rows.containsKey(file)).distinct().toList();
        if (!unlabelled.isEmpty()) {
            throw new IllegalArgumentException(unlabelled.size() + " of " + files.stream().distinct().count()
                    + " embedded files have no row in the labels: " + named(unlabelled)
                    + "; file names must match the embeddings' \"file\" (the path relative to the source directory)");
        }
    }

    static String named(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(NAMED, names.size())));
        return names.size() > NAMED ? shown + " and " + (names.size() - NAMED) + " more" : shown;
    }
}
