package dev.cpcstream.streams.topology;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.UndecodableRecordException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoints as files {@code checkpoint-<modelVersion>.avro} (single-object encoded, as on the topic), newest
 * {@code kept} of them. A file is written under a temporary name and moved into place atomically, so a reader or
 * a crash never sees half a checkpoint.
 */
public final class CheckpointDirectory {

    private static final Pattern FILE_NAME = Pattern.compile("checkpoint-(\\d+)\\.avro");

    private final Path directory;
    private final int kept;

    public CheckpointDirectory(Path directory, int kept) {
        this.directory = directory;
        this.kept = kept;
    }

    public void write(long modelVersion, byte[] encodedCheckpoint) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(String.format("checkpoint-%020d.avro", modelVersion));
            Path temporary = Files.createTempFile(directory, ".checkpoint-", ".tmp");
            Files.write(temporary, encodedCheckpoint);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            List<Path> files = newestFirst();
            for (Path old : files.subList(Math.min(kept, files.size()), files.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint to " + directory
                    + " (setting cpc.checkpoint.dir): " + e.getMessage(), e);
        }
    }

    /** The checkpoint with the highest model version, if the directory holds any. */
    public Optional<ModelCheckpoint> newest() {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try {
            List<Path> files = newestFirst();
            if (files.isEmpty()) {
                return Optional.empty();
            }
            Path newest = files.get(0);
            try {
                return Optional.of(Codecs.MODEL_CHECKPOINT.decode(Files.readAllBytes(newest)));
            } catch (UndecodableRecordException e) {
                throw new IllegalStateException("checkpoint file " + newest + " cannot be read (" + e.getMessage()
                        + "): move it out of the directory to restore the one before it", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoints in " + directory + ": " + e.getMessage(), e);
        }
    }

    private List<Path> newestFirst() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> FILE_NAME.matcher(file.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(CheckpointDirectory::version).reversed())
                    .toList();
        }
    }

    private static long version(Path file) {
        Matcher matcher = FILE_NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a checkpoint file: " + file);
        }
        return Long.parseLong(matcher.group(1));
    }
}
