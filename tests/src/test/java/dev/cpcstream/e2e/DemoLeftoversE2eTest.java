package dev.cpcstream.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as a separate process, with its own temp and cache directories: killed with SIGKILL, it leaves its
 * broker's logs and its local state behind, and the next demo on the machine deletes them before it starts its own;
 * stopped with SIGTERM, a demo deletes its own.
 */
class DemoLeftoversE2eTest {

    private static final Pattern BROKER_STARTED = Pattern.compile("^broker\\s+localhost:\\d+");
    /** Exit status of a process ended by SIGKILL: 128 + 9. */
    private static final int KILLED = 137;
    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration STOP = Duration.ofMinutes(3);

    @Test
    void theNextDemoDeletesWhatAKilledOneLeftAndAStoppedOneLeavesNothing(@TempDir Path dir) throws Exception {
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        Path cache = dir.resolve("cache");
        Map<String, String> machine = Map.of(
                "JDK_JAVA_OPTIONS", "-Djava.io.tmpdir=" + temp,
                "XDG_CACHE_HOME", cache.toString());
        String[] demo = {"demo", "--preset", "tiny", "--duration", "10m"};

        try (CliProcess killed = CliProcess.start("demo-killed", machine, demo)) {
            killed.awaitMatch(BROKER_STARTED, START);
            assertEquals(KILLED, killed.kill(STOP), "the exit status of the demo on SIGKILL");
        }
        List<Path> leftovers = scratchDirectories(temp, cache);
        assertEquals(2, leftovers.size(), "the killed demo's broker and state directories: " + leftovers);

        try (CliProcess next = CliProcess.start("demo-next", machine, demo)) {
            next.awaitMatch(BROKER_STARTED, START);
            for (Path leftover : leftovers) {
                assertTrue(Files.notExists(leftover), leftover + " outlived the next demo's start");
            }
            assertEquals(0, next.terminate(STOP), "the exit status of the demo on SIGTERM; see " + next.log());
        }
        assertEquals(List.of(), scratchDirectories(temp, cache), "what a demo stopped with SIGTERM left behind");
    }

    /**
     * The broker's log directories under the temp directory, the local state under the cache directory; not what
     * native libraries unpack into the temp directory.
     */
    private static List<Path> scratchDirectories(Path temp, Path cache) throws IOException {
        List<Path> found = new ArrayList<>();
        found.addAll(directories(temp, "kafka-"));
        found.addAll(directories(cache.resolve("cpcstream"), "demo-state-"));
        return found;
    }

    private static List<Path> directories(Path parent, String prefix) throws IOException {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(child -> Files.isDirectory(child)
                    && child.getFileName().toString().startsWith(prefix)).toList();
        }
    }
}
