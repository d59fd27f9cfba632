package dev.cpcstream.streams.broker;

import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Throwaway directories (an embedded broker's logs, a demo's local state) that a killed process would leave behind
 * for good: each one claimed here names its owner, the process id and start time, in a marker file, and a later
 * {@link #sweep} deletes those whose owner no longer runs. A directory without the marker is never touched, so
 * another program's files under the same parent are safe, and so is a directory whose owner has created it but not
 * claimed it yet.
 */
public final class ScratchDirectory {

    private static final Logger log = LoggerFactory.getLogger(ScratchDirectory.class);

    static final String OWNER_FILE = ".cpcstream-owner";
    /** Two readings of one process's start time may differ by rounding; a reused process id starts much later. */
    private static final Duration SAME_START = Duration.ofSeconds(1);
    private static final String UNKNOWN_START = "unknown";

    private ScratchDirectory() {
    }

    /**
     * Creates a fresh directory {@code parent/prefix<random>}, claimed by this process, after deleting those of the
     * same name that stopped processes left ({@link #sweep}).
     */
    public static Path create(Path parent, String prefix) throws IOException {
        sweep(parent, prefix);
        Path directory = Files.createTempDirectory(Files.createDirectories(parent), prefix);
        claim(directory);
        return directory;
    }

    /** Marks {@code directory} as this process's, so that a sweep after this process dies deletes it. */
    public static void claim(Path directory) throws IOException {
        claim(directory, ProcessHandle.current());
    }

    static void claim(Path directory, ProcessHandle owner) throws IOException {
        String started = owner.info().startInstant().map(Instant::toString).orElse(UNKNOWN_START);
        Files.writeString(directory.resolve(OWNER_FILE), owner.pid() + " " + started + "\n");
    }

    /**
     * Deletes every claimed directory {@code parent/prefix*} whose owner no longer runs. Never throws: a directory
     * that cannot be read or deleted is logged and left.
     *
     * @return the directories deleted
     */
    public static List<Path> sweep(Path parent, String prefix) {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return deleted;
        }
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path candidate : candidates) {
                try {
                    if (ownerGone(candidate)) {
                        Utils.delete(candidate.toFile());
                        log.info("deleted {}, left behind by a process that no longer runs", candidate);
                        deleted.add(candidate);
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("could not delete {}, left behind by a stopped process: {}", candidate, e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not list {} for directories left behind by stopped processes: {}", parent, e.toString());
        }
        return deleted;
    }

    private static boolean ownerGone(Path directory) throws IOException {
        Path marker = directory.resolve(OWNER_FILE);
        if (!Files.isDirectory(directory) || !Files.isRegularFile(marker)) {
            return false;
        }
        String[] owner = Files.readString(marker).trim().split(" ");
        try {
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(owner[0]));
            return process.isEmpty() || !process.get().isAlive() || !sameStart(process.get(), owner[1]);
        } catch (RuntimeException e) {
            log.warn("{} does not name a process id and start time; {} is left as it is", marker, directory);
            return false;
        }
    }

    /** False when the process id now belongs to a process started at another time. */
    private static boolean sameStart(ProcessHandle process, String claimedStart) {
        Optional<Instant> started = process.info().startInstant();
        if (started.isEmpty() || claimedStart.equals(UNKNOWN_START)) {
            return true;
        }
        return Duration.between(Instant.parse(claimedStart), started.get()).abs().compareTo(SAME_START) < 0;
    }
}
