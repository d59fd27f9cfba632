package dev.cpcstream.streams.cli;

/**
 * One JSON object on one line, built field by field, for output that scripts read ({@code jq}, pandas). Numbers
 * that JSON cannot hold (NaN, infinities) are written as {@code null}.
 */
final class JsonLine {

    private final StringBuilder json = new StringBuilder("{");

    JsonLine add(String name, String value) {
        name(name);
        string(value);
        return this;
    }

    JsonLine add(String name, long value) {
        name(name).append(value);
        return this;
    }

    JsonLine add(String name, double value) {
        name(name).append(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    JsonLine add(String name, boolean value) {
        name(name).append(value);
        return this;
    }

    JsonLine add(String name, float[] values) {
        name(name).append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(Float.isFinite(values[i]) ? Float.toString(values[i]) : "null");
        }
        json.append(']');
        return this;
    }

    JsonLine add(String name, JsonLine object) {
        name(name).append(object);
        return this;
    }

    @Override
    public String toString() {
        return json + "}";
    }

    private StringBuilder name(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        string(name);
        return json.append(':');
    }

    private void string(String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
