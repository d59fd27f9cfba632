package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.SampleEncoding;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Decodes a multi-channel sensor log: one row per time step, one column per channel, separated by commas,
 * semicolons or tabs; blank lines are skipped and a first line that is not all numbers is taken as a header. A CSV
 * file carries no sample rate, so its rows are taken to be sampled at the model's rate.
 */
public final class CsvReader {

    private static final Pattern SEPARATOR = Pattern.compile("[,;\t]");

    private CsvReader() {
    }

    /** @param sourceId what the recording is called (the file's path relative to the source directory) */
    public static Recording read(Path file, String sourceId, int sampleRate) throws IOException {
        FloatList samples = new FloatList();
        int channels = -1;
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            int lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = SEPARATOR.split(line.strip(), -1);
                boolean header = channels < 0 && !isNumber(fields[0].strip());
                if (header) {
                    channels = fields.length;
                    continue;
                }
                if (channels < 0) {
                    channels = fields.length;
                }
                if (fields.length != channels) {
                    throw new IOException(file + ":" + lineNumber + ": " + fields.length + " columns where the file"
                            + " started with " + channels);
                }
                for (String field : fields) {
                    samples.add(parse(field.strip(), file, lineNumber));
                }
            }
        }
        if (channels < 0) {
            throw new IOException(file + " is empty");
        }
        return new Recording(sourceId, sampleRate, channels, samples.toArray(), SampleEncoding.FLOAT32_LE);
    }

    private static boolean isNumber(String field) {
        try {
            Float.parseFloat(field);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static float parse(String field, Path file, int lineNumber) throws IOException {
        try {
            return Float.parseFloat(field);
        } catch (NumberFormatException e) {
            throw new IOException(file + ":" + lineNumber + ": '" + field + "' is not a number", e);
        }
    }

    /** A growable float array: sensor logs run to millions of values, too many to box. */
    private static final class FloatList {
        private float[] values = new float[1024];
        private int size;

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
