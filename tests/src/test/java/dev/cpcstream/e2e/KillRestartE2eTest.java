package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.topology.TopicNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learner as a separate process on a standalone broker, killed with SIGKILL five times at seeded random points
 * once it publishes embeddings, while frames keep arriving, and started again each time on the same state
 * directory: no shutdown hook, no last checkpoint, a transaction left open. Each restart resumes the newest committed checkpoint, the model's step and
 * version move on from one restart to the next, and a read_committed reader finds exactly one embedding per window
 * sent.
 */
class KillRestartE2eTest {

    private static final Pattern LISTENING = Pattern.compile("cpcstream broker: listening on localhost:(\\d+)");
    private static final Pattern RESTORED = Pattern.compile(
            "restoring the checkpoint of model version (\\d+), step (\\d+)|(no checkpoint found)");
    private static final Pattern RUNNING = Pattern.compile("running: .* model version \\d+");
    private static final Pattern SUMMARY = Pattern.compile("^\\{\"framesIn\":");
    private static final long SEED = 13;
    private static final int KILLS = 5;
    private static final int SOURCES = 3;
    /** Milliseconds a learner lives on once it has published embeddings, drawn uniformly from [0, MAX). */
    private static final int MAX_LIFE_MS = 8_000;
    /** Exit status of a process ended by SIGKILL: 128 + 9. */
    private static final int KILLED = 137;
    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration CATCH_UP = Duration.ofMinutes(4);
    private static final Duration STOP = Duration.ofMinutes(2);

    @Test
    void aKilledLearnerResumesItsLastCheckpointAndLosesOrRepeatsNoWindow(@TempDir Path dir) throws Exception {
        Random random = new Random(SEED);
        try (CliProcess broker = CliProcess.start("broker", "broker", "--port", "0", "--data",
                dir.resolve("broker").toString())) {
            String bootstrap = "localhost:" + broker.awaitMatch(LISTENING, START).group(1);
            Properties config = learnerConfig(bootstrap, dir.resolve("state"));
            Path configFile = RunConfig.write(config, dir);
            AppSettings settings = AppSettings.fromProperties(config, Map.of());
            CpcConfig model = settings.modelConfig();
            TopicNames topics = settings.topicNames();
            List<Restore> restores = new ArrayList<>();

            try (BackgroundFeed feed = new BackgroundFeed(new SyntheticFeed(model, SOURCES), bootstrap,
                    topics.frames())) {
                for (int life = 1; life <= KILLS; life++) {
                    try (CliProcess run = CliProcess.start("run-" + life, "run", "--config", configFile.toString())) {
                        restores.add(Restore.check(run, bootstrap, topics));
                        run.awaitMatch(RUNNING, START);
                        feed.startOnce();
                        RunConfig.awaitEmbeddings(run, 1, CATCH_UP);
                        Thread.sleep(random.nextInt(MAX_LIFE_MS));
                        assertEquals(KILLED, run.kill(STOP), "the exit status of run-" + life + " on SIGKILL");
                    }
                }
                long committedBefore = TopicReader.readAll(bootstrap, topics.embeddings(), Codecs.EMBEDDING,
                        CATCH_UP).size();
                List<String> expected;
                try (CliProcess last = CliProcess.start("run-last", "run", "--config", configFile.toString())) {
                    restores.add(Restore.check(last, bootstrap, topics));
                    // Fed until it trains: the fifth life may have embedded every window sent before its kill.
                    RunConfig.awaitTrainSteps(last, 1, CATCH_UP);
                    feed.stop();
                    expected = WindowKeys.expected(feed.sent(), feed.stepsPerFrame(), model);
                    RunConfig.awaitEmbeddings(last, expected.size() - committedBefore, CATCH_UP);
                    assertEquals(0, last.terminate(STOP), "the exit status of the last run on SIGTERM");
                    last.awaitMatch(SUMMARY, Duration.ZERO);
                }
                List<Embedding> embeddings = TopicReader.readAll(bootstrap, topics.embeddings(), Codecs.EMBEDDING,
                        CATCH_UP);
                WindowKeys.assertEachExactlyOnce(expected, embeddings);
                Restore.assertModelMovesOn(restores, newestCommitted(bootstrap, topics).orElseThrow());
                long framesPerSource = feed.sent().values().stream().mapToLong(Long::longValue).max().orElse(0);
                System.out.printf("KillRestartE2eTest: %d frames sent per source, %d windows expected, %d embeddings"
                        + " committed, %d kills survived; restored (version, step): %s%n", framesPerSource,
                        expected.size(), embeddings.size(), KILLS, restores);
            }
            assertEquals(0, broker.terminate(STOP), "the broker's exit status on SIGTERM");
        }
    }

    /** The checkpoint a run restored at start, by model version and step; -1 for a fresh model. */
    private record Restore(long modelVersion, long step) {

        /**
         * Waits for {@code run} to restore and fails unless it restored the newest committed checkpoint, or nothing
         * if there is none. Read after the run's own read, so a commit the killed run had begun is complete by then;
         * a transaction it left open is never committed.
         */
        static Restore check(CliProcess run, String bootstrap, TopicNames topics) throws InterruptedException {
            Matcher restored = run.awaitMatch(RESTORED, START);
            Optional<ModelCheckpoint> expected = newestCommitted(bootstrap, topics);
            Restore actual = restored.group(3) != null ? new Restore(-1, -1)
                    : new Restore(Long.parseLong(restored.group(1)), Long.parseLong(restored.group(2)));
            Restore wanted = expected.map(c -> new Restore(c.getModelVersion(), c.getStep()))
                    .orElse(new Restore(-1, -1));
            assertEquals(wanted, actual, "what " + run.log() + " restored against the newest committed checkpoint");
            return actual;
        }

        /** Every restart went on from the previous one, and the model moved on in the course of the test. */
        static void assertModelMovesOn(List<Restore> restores, ModelCheckpoint last) {
            for (int i = 1; i < restores.size(); i++) {
                Restore before = restores.get(i - 1);
                Restore after = restores.get(i);
                assertTrue(after.modelVersion >= before.modelVersion && after.step >= before.step,
                        "restart " + i + " went back from " + before + " to " + after + ": " + restores);
            }
            Restore first = restores.stream().filter(r -> r.modelVersion >= 0).findFirst()
                    .orElseThrow(() -> new AssertionError("no restart restored a checkpoint: " + restores));
            assertTrue(restores.get(restores.size() - 1).modelVersion > first.modelVersion,
                    "the model version did not grow over the restarts: " + restores);
            assertTrue(last.getModelVersion() > restores.get(restores.size() - 1).modelVersion
                            && last.getStep() > restores.get(restores.size() - 1).step,
                    "the last run took no step beyond what it restored; its final checkpoint: version "
                            + last.getModelVersion() + ", step " + last.getStep());
        }
    }

    private static Optional<ModelCheckpoint> newestCommitted(String bootstrap, TopicNames topics) {
        return TopicReader.readLast(bootstrap, topics.checkpoints(), Codecs.MODEL_CHECKPOINT, CATCH_UP);
    }

    /** {@link RunConfig#tinyLearner}, with checkpoints often enough that most lives end after one. */
    private static Properties learnerConfig(String bootstrap, Path stateDir) {
        Properties p = RunConfig.tinyLearner("e2e-kill-restart", "kill-restart.", bootstrap, stateDir);
        p.setProperty(AppSettings.CHECKPOINT_EVERY_STEPS, "20");
        p.setProperty(AppSettings.CHECKPOINT_EVERY_SECONDS, "2");
        return p;
    }
}
