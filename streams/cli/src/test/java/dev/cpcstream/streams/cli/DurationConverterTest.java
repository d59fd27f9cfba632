package dev.cpcstream.streams.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsTheUsualUnitsAndIso() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(60), converter.convert("60s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofHours(1), converter.convert("1h"));
        assertEquals(Duration.ofSeconds(90), converter.convert("PT90S"));
    }

    @Test
    void readsABareNumberAsSeconds() {
        assertEquals(Duration.ofSeconds(90), converter.convert("90"));
        assertEquals(Duration.ofSeconds(0), converter.convert(" 0 "));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThrows(TypeConversionException.class, () -> converter.convert("soon"));
        assertThrows(TypeConversionException.class, () -> converter.convert("5 days"));
        assertThrows(TypeConversionException.class, () -> converter.convert("-5"));
        assertThrows(TypeConversionException.class, () -> converter.convert("1.5"));
    }
}
