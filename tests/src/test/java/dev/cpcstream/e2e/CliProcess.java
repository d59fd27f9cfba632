package dev.cpcstream.e2e;

import dev.cpcstream.streams.cli.CpcStreamCli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One {@code cpcstream} command (broker, run, produce, ...) as a separate OS process, started as the launcher starts
 * it: the launcher's JVM flags ({@code jvm.options} as an argument file) and the CLI's main class, on this test JVM's
 * own class path. Its stdout and stderr go to one log file under {@code target/processes}, which the wait methods
 * read and failures name. It is stopped with a real signal: SIGTERM ({@link #terminate}) or SIGKILL ({@link #kill}).
 * Closing kills it if it still runs, so a failed test leaves no process behind.
 */
final class CliProcess implements AutoCloseable {

    private static final Path JVM_OPTIONS = Path.of("..", "streams", "cli", "src", "main", "jvm", "jvm.options");
    private static final Path LOGS = Path.of("target", "processes");
    private static final Duration POLL = Duration.ofMillis(100);
    /** Environment variables the application reads over its config file; the test's config must be all it sees. */
    private static final List<String> OVERRIDING_ENVIRONMENT = List.of("CPC_", "KAFKA_");
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final String name;
    private final Process process;
    private final Path log;

    private CliProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code cpcstream <args>}.
     *
     * @param name what the process is in the test (e.g. {@code broker}, {@code run-2}); names its log file
     */
    static CliProcess start(String name, String... args) throws IOException {
        return start(name, Map.of(), args);
    }

    /**
     * Starts {@code cpcstream <args>} with {@code environment} added to this JVM's, e.g. {@code JDK_JAVA_OPTIONS} for
     * a system property the launcher's flags do not set.
     */
    static CliProcess start(String name, Map<String, String> environment, String... args) throws IOException {
        if (!Files.isRegularFile(JVM_OPTIONS)) {
            fail("no launcher JVM options at " + JVM_OPTIONS.toAbsolutePath() + "; run the tests from tests/");
        }
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(STARTED.incrementAndGet() + "-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + JVM_OPTIONS,
                "-cp", System.getProperty("java.class.path"),
                CpcStreamCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> OVERRIDING_ENVIRONMENT.stream().anyMatch(key::startsWith));
        builder.environment().putAll(environment);
        return new CliProcess(name, builder.start(), log);
    }

    /** The first line of the output that {@code pattern} finds something in; fails if it does not come in time. */
    Matcher awaitMatch(Pattern pattern, Duration timeout) throws InterruptedException {
        String line = awaitLine(candidate -> pattern.matcher(candidate).find(), pattern.pattern(), timeout);
        Matcher matcher = pattern.matcher(line);
        matcher.find();
        return matcher;
    }

    /**
     * The first line of the output that {@code accepted}; fails if the process exits or {@code timeout} passes first.
     *
     * @param description what is awaited, for the failure message
     */
    String awaitLine(Predicate<String> accepted, String description, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean exited = !process.isAlive();
            Optional<String> line = lines().stream().filter(accepted).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (exited) {
                fail(name + " exited with " + process.exitValue() + " before printing " + description + "; see "
                        + log.toAbsolutePath());
            }
            if (System.nanoTime() - deadline > 0) {
                fail(name + " printed no " + description + " in " + timeout + "; see " + log.toAbsolutePath());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Sends SIGTERM, as {@code kill} or a supervisor would, and returns the exit status once the process is gone. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Sends SIGKILL: no shutdown hook, no clean-up. Returns the exit status once the process is gone. */
    int kill(Duration timeout) throws InterruptedException {
        process.destroyForcibly();
        return awaitExit(timeout);
    }

    /** Waits for the process to end by itself (e.g. a bounded {@code produce}); returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail(name + " still runs " + timeout + " after it was asked to stop; see " + log.toAbsolutePath());
        }
        return process.exitValue();
    }

    /** Everything the process printed so far, stdout and stderr interleaved. */
    List<String> lines() {
        try {
            // Decoded leniently: the last line may end inside a character still being written.
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
