package dev.cpcstream.streams.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonLineTest {

    @Test
    void writesEveryKindOfFieldOnOneLine() {
        String json = new JsonLine()
                .add("file", "room 1/\"quoted\"\\path\n")
                .add("windows", 3)
                .add("loss", 2.5)
                .add("trained", true)
                .add("vector", new float[]{1f, -0.5f})
                .add("counts", new JsonLine().add("a", 1))
                .toString();

        assertEquals("{\"file\":\"room 1/\\\"quoted\\\"\\\\path\\n\",\"windows\":3,\"loss\":2.5,\"trained\":true,"
                + "\"vector\":[1.0,-0.5],\"counts\":{\"a\":1}}", json);
    }

    @Test
    void numbersJsonCannotHoldBecomeNull() {
        String json = new JsonLine()
                .add("firstLoss", Double.NaN)
                .add("vector", new float[]{Float.POSITIVE_INFINITY})
                .toString();

        assertEquals("{\"firstLoss\":null,\"vector\":[null]}", json);
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("{\"s\":\"\\u0001\\t\"}", new JsonLine().add("s", "\u0001\t").toString());
    }
}
