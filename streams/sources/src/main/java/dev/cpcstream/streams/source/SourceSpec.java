package dev.cpcstream.streams.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where frames come from, as written on the command line:
 * <ul>
 *   <li>{@code synthetic} or {@code synthetic:N}: N (default 6) {@link SyntheticSignal}s, endless;</li>
 *   <li>{@code wav:DIR}: every {@code .wav} file under DIR, recursively, one source each ({@link WavReader});</li>
 *   <li>{@code csv:DIR}: every {@code .csv} file under DIR, recursively, one source each ({@link CsvReader});</li>
 *   <li>{@code events:DIR}: the {@code .wav} files under DIR as short sounds played one after another in random
 *   order with pauses between them ({@link EventStream}), by {@link #EVENT_SOURCES} sources (fewer with fewer
 *   files), endless.</li>
 * </ul>
 * A file's source id is its path relative to DIR. Files are read whole into memory and adapted to the model's
 * format ({@link FormatAdapter}) before the first frame is sent, so a bad file stops the run before it starts.
 */
public record SourceSpec(Kind kind, Path directory, int syntheticSources) {

    public enum Kind { SYNTHETIC, WAV, CSV, EVENTS }

    public static final int DEFAULT_SYNTHETIC_SOURCES = 6;
    /** Enough sources for a batch of windows from different sounds, few enough that each stream keeps going. */
    public static final int EVENT_SOURCES = 16;

    public static SourceSpec synthetic(int sources) {
        if (sources <= 0) {
            throw new IllegalArgumentException("synthetic needs at least one source, got " + sources);
        }
        return new SourceSpec(Kind.SYNTHETIC, null, sources);
    }

    public static SourceSpec parse(String text) {
        String[] parts = text.split(":", 2);
        String kind = parts[0].toLowerCase(Locale.ROOT);
        if (kind.equals("synthetic")) {
            return synthetic(parts.length == 1 ? DEFAULT_SYNTHETIC_SOURCES : Integer.parseInt(parts[1]));
        }
        if (parts.length == 2 && !parts[1].isEmpty()) {
            switch (kind) {
                case "wav": return new SourceSpec(Kind.WAV, Path.of(parts[1]), 0);
                case "csv": return new SourceSpec(Kind.CSV, Path.of(parts[1]), 0);
                case "events": return new SourceSpec(Kind.EVENTS, Path.of(parts[1]), 0);
                default: break;
            }
        }
        throw new IllegalArgumentException("unknown source '" + text + "'; use synthetic, synthetic:N, wav:DIR,"
                + " csv:DIR or events:DIR");
    }

    /**
     * One stream per source; {@code loop} replays recordings endlessly (synthetic and event sources never end
     * anyway).
     */
    public List<SampleStream> open(SourceFormat format, boolean loop, long seed) throws IOException {
        List<SampleStream> streams = new ArrayList<>();
        if (kind == Kind.SYNTHETIC) {
            for (int i = 0; i < syntheticSources; i++) {
                streams.add(new SyntheticSignal("synthetic-" + i, i, format, seed));
            }
            return streams;
        }
        List<Recording> recordings = recordings(format);
        if (kind == Kind.EVENTS) {
            for (int i = 0; i < Math.min(EVENT_SOURCES, recordings.size()); i++) {
                streams.add(new EventStream("events-" + i, recordings, seed + i));
            }
            return streams;
        }
        for (Recording recording : recordings) {
            streams.add(new RecordingStream(recording, loop));
        }
        return streams;
    }

    /** Every file of a {@code wav:} or {@code csv:} source, decoded and in the model's format, sorted by source id. */
    public List<Recording> recordings(SourceFormat format) throws IOException {
        if (kind == Kind.SYNTHETIC) {
            throw new IllegalArgumentException("a synthetic source has no files; use wav:DIR or csv:DIR");
        }
        List<Recording> recordings = new ArrayList<>();
        for (Path file : files()) {
            String sourceId = directory.relativize(file).toString().replace('\\', '/');
            Recording raw = kind != Kind.CSV
                    ? WavReader.read(file, sourceId)
                    : CsvReader.read(file, sourceId, format.sampleRate());
            recordings.add(FormatAdapter.adapt(raw, format));
        }
        return recordings;
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
        String extension = kind == Kind.CSV ? ".csv" : ".wav";
        List<Path> files;
        // a corpus is often a link to where it was built; links to files and folders inside it are followed too
        try (Stream<Path> walk = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (files.isEmpty()) {
            throw new IOException("no " + extension + " files under " + directory);
        }
        return files;
    }

    @Override
    public String toString() {
        return kind == Kind.SYNTHETIC ? "synthetic:" + syntheticSources
                : kind.name().toLowerCase(Locale.ROOT) + ":" + directory;
    }
}
