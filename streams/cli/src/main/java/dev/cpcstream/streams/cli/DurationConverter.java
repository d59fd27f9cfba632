package dev.cpcstream.streams.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as people write them: a number with a unit (ms, s, m or h), a bare number of seconds, or
 * ISO-8601.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String text) {
        Matcher m = AMOUNT_AND_UNIT.matcher(text.trim().toLowerCase());
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new TypeConversionException("'" + text
                    + "' is not a duration; write e.g. 500ms, 90 (seconds), 60s, 2m or 1h");
        }
    }
}
