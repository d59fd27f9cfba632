package dev.cpcstream.e2e;

import dev.cpcstream.streams.app.AppSettings;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The config file of a {@code cpcstream run} process in a multi-process suite, and waits on its status lines. */
final class RunConfig {

    /** A status line of {@code run}; group 1 counts the embeddings out. */
    static final Pattern STATUS = Pattern.compile("frames \\d+ .* embeddings (\\d+) ");
    /** The same status line; group 1 counts the training steps this process ran. */
    private static final Pattern TRAIN_STEPS = Pattern.compile("frames \\d+ .* train steps (\\d+) ");

    private RunConfig() {
    }

    /** The tiny preset and one stream thread, as {@link Deployment} sets up the in-process suites. */
    static Properties tinyLearner(String applicationId, String topicPrefix, String bootstrap, Path stateDir) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty("application.id", applicationId);
        p.setProperty("state.dir", stateDir.toString());
        p.setProperty("num.stream.threads", "1");
        p.setProperty(AppSettings.PRESET, Deployment.PRESET);
        p.setProperty(AppSettings.TOPIC_PREFIX, topicPrefix);
        p.setProperty(AppSettings.TOPIC_PARTITIONS, Integer.toString(Deployment.PARTITIONS));
        return p;
    }

    /** {@code config} as {@code dir/run.properties}, for {@code run --config}. */
    static Path write(Properties config, Path dir) throws IOException {
        Path file = dir.resolve("run.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            config.store(writer, "cpcstream run, an end-to-end suite");
        }
        return file;
    }

    /** Waits for a status line of {@code run} that counts at least {@code count} embeddings out. */
    static void awaitEmbeddings(CliProcess run, long count, Duration timeout) throws InterruptedException {
        awaitCount(run, STATUS, count, "embeddings", timeout);
    }

    /** Waits for a status line of {@code run} that counts at least {@code count} training steps of its own. */
    static void awaitTrainSteps(CliProcess run, long count, Duration timeout) throws InterruptedException {
        awaitCount(run, TRAIN_STEPS, count, "train steps", timeout);
    }

    private static void awaitCount(CliProcess run, Pattern counter, long count, String what, Duration timeout)
            throws InterruptedException {
        run.awaitLine(line -> {
            Matcher status = counter.matcher(line);
            return status.find() && Long.parseLong(status.group(1)) >= count;
        }, "a status line with " + count + " " + what, timeout);
    }
}
