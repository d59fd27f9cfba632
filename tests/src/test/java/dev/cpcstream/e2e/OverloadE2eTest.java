package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.topology.TopicNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Input at 50 times real time, beyond what training on the default preset can follow, across processes: a
 * standalone broker, {@code run} and {@code produce --speed 50}. The trainer passes over the windows that waited past
 * its lag budget, so embedding keeps up with the input, the trainer's intake catches up with the end of the input
 * soon after the input stops, the drain on SIGTERM ends, and {@code /metrics} shows the fraction trained on.
 * Without the budget the trainer would work through the whole backlog, one step per batch.
 */
class OverloadE2eTest {

    private static final Pattern LISTENING = Pattern.compile("cpcstream broker: listening on localhost:(\\d+)");
    private static final Pattern RUNNING = Pattern.compile("running: .* model version \\d+");
    private static final Pattern DRAINED = Pattern.compile("^\\{\"framesIn\":");
    private static final String PREFIX = "overload.";
    private static final int SOURCES = 2;
    private static final int SPEED = 50;
    /** Ten minutes of signal per source: 12 s of sending at 50 times real time. */
    private static final long FRAMES_PER_SOURCE = 60_000;
    private static final int LAG_BUDGET_SECONDS = 3;
    private static final int TRAINING_NEGATIVES = 2048;
    private static final String INTAKE = "cpc_training_windows_total";
    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final Duration STOP = Duration.ofMinutes(3);
    private static final Duration SAMPLE = Duration.ofSeconds(1);

    @Test
    void trainingSubsamplesInputItCannotFollowAndEmbeddingLosesNothing(@TempDir Path dir) throws Exception {
        try (CliProcess broker = CliProcess.start("broker", "broker", "--port", "0", "--data",
                dir.resolve("broker").toString())) {
            String bootstrap = "localhost:" + broker.awaitMatch(LISTENING, START).group(1);
            Properties config = learnerConfig(bootstrap, dir.resolve("state"));
            AppSettings settings = AppSettings.fromProperties(config, Map.of());
            CpcConfig model = settings.modelConfig();
            TopicNames topics = settings.topicNames();
            try (CliProcess run = CliProcess.start("run", "run", "--config",
                    RunConfig.write(config, dir).toString())) {
                InstanceEndpoint endpoint = InstanceEndpoint.of(run, START);
                run.awaitMatch(RUNNING, START);
                Observed during = new Observed();
                Map<String, Long> sent;
                double achievedSpeed;
                try (CliProcess produce = CliProcess.start("produce", "produce", "--bootstrap", bootstrap,
                        "--topic-prefix", PREFIX, "--source", "synthetic:" + SOURCES, "--speed",
                        Integer.toString(SPEED), "--frames", Long.toString(FRAMES_PER_SOURCE))) {
                    while (produce.isAlive()) {
                        during.sample(endpoint, run.pid());
                        Thread.sleep(SAMPLE.toMillis());
                    }
                    assertEquals(0, produce.awaitExit(START), "the producer's exit status; see " + produce.log());
                    sent = ProducerSummary.framesBySource(produce);
                    achievedSpeed = FRAMES_PER_SOURCE * SyntheticFeed.FRAME.toMillis() / 1000.0
                            / ProducerSummary.wallSeconds(produce);
                }
                List<String> expected = WindowKeys.expected(sent, SyntheticFeed.stepsPerFrame(model), model);
                RunConfig.awaitEmbeddings(run, expected.size(), CATCH_UP);
                Intake intake = awaitIntakeOf(expected.size(), endpoint, during, run.pid());

                assertTrue(intake.stale() > 0, "no window was passed over as stale, so training kept up with "
                        + SPEED + " times real time and there was no overload to test: " + intake);
                assertTrue(intake.trained() > 0, "nothing was trained on: " + intake);
                assertEquals(0, run.terminate(STOP), "the exit status of run on SIGTERM, after its drain");
                run.awaitMatch(DRAINED, Duration.ZERO);

                List<Embedding> embeddings = TopicReader.readAll(bootstrap, topics.embeddings(), Codecs.EMBEDDING,
                        CATCH_UP);
                WindowKeys.assertEachExactlyOnce(expected, embeddings);
                System.out.printf("OverloadE2eTest: %d sources sent at %dx real time (%.1fx reached), %d frames each; "
                                + "%d windows, %d "
                                + "embeddings; trainer intake %s, fraction trained %.3f; largest trainer lag seen "
                                + "%.1f s (budget %d s); largest RSS of run %d MiB%n", SOURCES, SPEED,
                        achievedSpeed, FRAMES_PER_SOURCE, expected.size(), embeddings.size(), intake,
                        intake.trained() / intake.total(), during.maxLagSeconds, LAG_BUDGET_SECONDS,
                        during.maxRssKib / 1024);
            }
            assertEquals(0, broker.terminate(STOP), "the broker's exit status on SIGTERM");
        }
    }

    /**
     * Waits until every window has reached the trainer, trained on or passed over. A trainer that trained on every
     * window would still be working through the backlog here.
     */
    private static Intake awaitIntakeOf(long windows, InstanceEndpoint endpoint, Observed during, long pid)
            throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            during.sample(endpoint, pid);
            Intake intake = Intake.scrape(endpoint);
            if (intake.total() >= windows) {
                return intake;
            }
            if (System.nanoTime() > deadline) {
                fail("the trainer took in " + intake + " of " + windows + " windows within " + CATCH_UP);
            }
            Thread.sleep(SAMPLE.toMillis());
        }
    }

    /** Windows that reached the trainer, by outcome, from {@code /metrics}. */
    private record Intake(double trained, double stale, double thinned) {

        static Intake scrape(InstanceEndpoint endpoint) throws InterruptedException {
            return new Intake(outcome(endpoint, "TRAINED"), outcome(endpoint, "STALE"), outcome(endpoint, "THINNED"));
        }

        private static double outcome(InstanceEndpoint endpoint, String outcome) throws InterruptedException {
            return endpoint.metric(INTAKE, "outcome", outcome);
        }

        double total() {
            return trained + stale + thinned;
        }
    }

    /** The largest trainer lag and resident memory seen while sampling. */
    private static final class Observed {
        double maxLagSeconds;
        long maxRssKib;

        void sample(InstanceEndpoint endpoint, long pid) throws InterruptedException {
            double lag = endpoint.metric("cpc_training_lag_seconds");
            if (!Double.isNaN(lag)) {
                maxLagSeconds = Math.max(maxLagSeconds, lag);
            }
            maxRssKib = Math.max(maxRssKib, residentKib(pid));
        }

        /** VmRSS of the process from /proc; 0 where there is no /proc. */
        private static long residentKib(long pid) {
            try {
                return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                        .filter(line -> line.startsWith("VmRSS:"))
                        .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                        .findFirst().orElse(0);
            } catch (IOException e) {
                return 0;
            }
        }
    }

    /** The default preset and stream threads, a short lag budget, and the metrics endpoint on a free port. */
    private static Properties learnerConfig(String bootstrap, Path stateDir) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty("application.id", "e2e-overload");
        p.setProperty("state.dir", stateDir.toString());
        p.setProperty(AppSettings.TOPIC_PREFIX, PREFIX);
        p.setProperty(AppSettings.TRAIN_MAX_LAG_SECONDS, Integer.toString(LAG_BUDGET_SECONDS));
        // The trainer's steps run beside the frames path, which on a small machine moves fewer windows than the
        // preset's step trains; many negatives make only the step dearer, so the trainer is what falls behind.
        p.setProperty(AppSettings.MODEL_PREFIX + "negatives", Integer.toString(TRAINING_NEGATIVES));
        p.setProperty(AppSettings.METRICS_PORT, "0");
        return p;
    }
}
