package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.topology.TopicNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The learner and its broker as separate processes, as a user runs them without Docker ({@code cpcstream broker} and
 * {@code cpcstream run}): the broker is stopped with SIGTERM in mid-stream and started again on the same data
 * directory and port, and the learner carries on without losing or repeating a window.
 */
class BrokerRestartE2eTest {

    private static final Pattern LISTENING = Pattern.compile("cpcstream broker: listening on localhost:(\\d+)");
    private static final Pattern SUMMARY = Pattern.compile("^\\{\"framesIn\":");
    private static final int SOURCES = 3;
    /** Not a whole number of windows: the learner must finish, after the restart, a window begun before it. */
    private static final long FRAMES_PER_ROUND = 201;
    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final Duration STOP = Duration.ofMinutes(2);

    @Test
    void theLearnerRidesOutABrokerRestartAndLosesOrRepeatsNoWindow(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("broker");
        try (CliProcess broker = CliProcess.start("broker", "broker", "--port", "0", "--data", data.toString())) {
            String port = broker.awaitMatch(LISTENING, START).group(1);
            String bootstrap = "localhost:" + port;
            Properties config = RunConfig.tinyLearner("e2e-broker-restart", "broker-restart.", bootstrap,
                    dir.resolve("state"));
            AppSettings settings = AppSettings.fromProperties(config, Map.of());
            CpcConfig model = settings.modelConfig();
            TopicNames topics = settings.topicNames();
            SyntheticFeed feed = new SyntheticFeed(model, SOURCES);
            Map<String, Long> sent = new HashMap<>();

            try (CliProcess run = CliProcess.start("run", "run", "--config", RunConfig.write(config, dir).toString())) {
                // The first status line comes after the learner has created its topics.
                run.awaitMatch(RunConfig.STATUS, START);
                feed.send(bootstrap, topics.frames(), FRAMES_PER_ROUND).forEach((s, n) -> sent.merge(s, n, Long::sum));
                RunConfig.awaitEmbeddings(run, 1, CATCH_UP);
                assertEquals(0, broker.terminate(STOP), "the broker's exit status on SIGTERM");

                try (CliProcess restarted = CliProcess.start("broker-restarted", "broker", "--port", port, "--data",
                        data.toString())) {
                    restarted.awaitMatch(LISTENING, START);
                    feed.send(bootstrap, topics.frames(), FRAMES_PER_ROUND)
                            .forEach((s, n) -> sent.merge(s, n, Long::sum));
                    List<String> expected = WindowKeys.expected(sent, feed.stepsPerFrame(), model);
                    RunConfig.awaitEmbeddings(run, expected.size(), CATCH_UP);
                    run.terminate(STOP);
                    run.awaitMatch(SUMMARY, Duration.ZERO);

                    List<Embedding> embeddings = TopicReader.readAll(bootstrap, topics.embeddings(), Codecs.EMBEDDING,
                            CATCH_UP);
                    WindowKeys.assertEachExactlyOnce(expected, embeddings);
                    assertEquals(0, restarted.terminate(STOP), "the restarted broker's exit status on SIGTERM");
                }
            }
        }
    }
}
