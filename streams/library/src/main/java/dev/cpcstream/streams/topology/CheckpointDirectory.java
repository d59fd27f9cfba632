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
            List<Path> files = files();
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
        return newestFirst().stream().findFirst().map(newest -> {
            try {
                return Codecs.MODEL_CHECKPOINT.decode(newest.bytes().get());
            } catch (UndecodableRecordException e) {
                throw new IllegalStateException(newest.location() + " cannot be read (" + e.getMessage()
                        + "): move it out of the directory to use the one before it", e);
            }
        });
    }

    /** Every checkpoint file, highest model version first, read when asked for; none if there is no directory. */
    public List<StoredCheckpoint> newestFirst() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try {
            return files().stream().map(file -> new StoredCheckpoint("checkpoint file " + file, () -> read(file)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }

    private List<Path> files() throws IOException {
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
