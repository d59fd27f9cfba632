package dev.cpcstream.model.bench;

import java.util.Map;
import java.util.stream.Collectors;

/** Enough JSON for one flat-ish result line: maps, strings, numbers and booleans. */
final class Json {

    private Json() {
    }

    static String write(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> quote(e.getKey().toString()) + ": " + write(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return v == null ? "null" : quote(v.toString());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
