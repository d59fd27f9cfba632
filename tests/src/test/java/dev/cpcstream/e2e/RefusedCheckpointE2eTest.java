package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.app.CpcStreamsApp;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker refuses the trainer's checkpoints (the checkpoint topic's {@code max.message.bytes} lowered under the
 * application's feet, as a broker out of memory refused them in a soak): a refusal costs the stream thread, which
 * Kafka Streams replaces, not the application or any embedding; a refusal that persists stops the application
 * with the broker's reason once the replacements allowed are spent.
 */
@ExtendWith(SharedBroker.class)
class RefusedCheckpointE2eTest {

    private static final int SOURCES = 3;
    private static final long FRAMES_PER_ROUND = 200;
    /**
     * Smaller than any tiny checkpoint, so the broker refuses every one, and larger than a transaction marker, which
     * the broker must still write to the partition to abort the refused checkpoint's transaction.
     */
    private static final String REFUSING_LIMIT = "1024";
    private static final String FAILED_THREADS = "kafka.stream.failed.stream.threads";
    /** How {@code TrainerProcessor} names the thread its steps run on. */
    private static final String TRAINER_THREAD = "cpc-trainer-";
    private static final Duration DRAIN = Duration.ofMinutes(2);
    private static final Duration FAILURE = Duration.ofMinutes(2);

    @Test
    void aRefusedCheckpointCostsAThreadNotTheApplicationNorAnEmbedding(@TempDir Path stateDir) throws Exception {
        Deployment deployment = deployment("refused-once", stateDir, 3);
        CpcConfig model = deployment.model();
        SyntheticFeed feed = new SyntheticFeed(model, SOURCES);
        Map<String, Long> sent = new HashMap<>();
        MeterRegistry registry = new SimpleMeterRegistry();
        String topic = deployment.topics().checkpoints();
        try (CpcStreamsApp app = deployment.start(registry);
             Admin admin = Admin.create(Map.of("bootstrap.servers", SharedBroker.bootstrapServers()))) {
            feed.send(deployment, FRAMES_PER_ROUND).forEach((source, n) -> sent.merge(source, n, Long::sum));
            app.drain(DRAIN);
            long stepBefore = newestCheckpoint(deployment).getStep();
            String limit = maxMessageBytes(admin, topic);

            setMaxMessageBytes(admin, topic, REFUSING_LIMIT);
            feed.send(deployment, FRAMES_PER_ROUND).forEach((source, n) -> sent.merge(source, n, Long::sum));
            await(() -> failedThreads(registry) >= 1, "a stream thread to fail on the refused checkpoint");
            setMaxMessageBytes(admin, topic, limit);
            feed.send(deployment, FRAMES_PER_ROUND).forEach((source, n) -> sent.merge(source, n, Long::sum));
            app.drain(DRAIN);

            assertEquals(List.of(), app.failure().stream().toList(), "what stopped the application");
            assertEquals(1, trainerThreads(), "trainer threads alive: the failed thread's trainer must be closed");
            long stepAfter = newestCheckpoint(deployment).getStep();
            assertTrue(stepAfter > stepBefore, "checkpoints went from step " + stepBefore + " to " + stepAfter);
            System.out.printf("RefusedCheckpointE2eTest: %.0f stream threads failed and were replaced; checkpoints"
                    + " from step %d to %d%n", failedThreads(registry), stepBefore, stepAfter);
        }
        WindowKeys.assertEachExactlyOnce(WindowKeys.expected(sent, feed.stepsPerFrame(), model),
                TopicReader.readAll(deployment.topics().embeddings(), Codecs.EMBEDDING, DRAIN));
    }

    @Test
    void aRefusalThatPersistsStopsTheApplicationOnceTheReplacementsAreSpent(@TempDir Path stateDir)
            throws Exception {
        Deployment deployment = deployment("refused-always", stateDir, 1);
        SyntheticFeed feed = new SyntheticFeed(deployment.model(), SOURCES);
        MeterRegistry registry = new SimpleMeterRegistry();
        try (CpcStreamsApp app = deployment.start(registry);
             Admin admin = Admin.create(Map.of("bootstrap.servers", SharedBroker.bootstrapServers()))) {
            setMaxMessageBytes(admin, deployment.topics().checkpoints(), REFUSING_LIMIT);
            Instant deadline = Instant.now().plus(FAILURE);
            while (app.failure().isEmpty() && Instant.now().isBefore(deadline)) {
                feed.send(deployment, FRAMES_PER_ROUND);
            }

            Throwable failure = app.failure().orElseThrow(() -> new AssertionError("still running after "
                    + FAILURE + ", with " + failedThreads(registry) + " threads failed"));
            assertInstanceOf(RecordTooLargeException.class, rootCause(failure), failure.toString());
            await(() -> failedThreads(registry) == 2, "the replaced thread and the last to be counted");
        }
    }

    /** The tiny preset, checkpoints every few steps and every second. */
    private static Deployment deployment(String name, Path stateDir, int replacements) {
        return new Deployment(name, stateDir, Map.of(
                AppSettings.CHECKPOINT_EVERY_STEPS, "10",
                AppSettings.CHECKPOINT_EVERY_SECONDS, "1",
                AppSettings.THREAD_REPLACEMENTS, Integer.toString(replacements)));
    }

    private static ModelCheckpoint newestCheckpoint(Deployment deployment) {
        return TopicReader.readLast(SharedBroker.bootstrapServers(), deployment.topics().checkpoints(),
                Codecs.MODEL_CHECKPOINT, DRAIN).orElseThrow();
    }

    private static String maxMessageBytes(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource)
                .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
    }

    private static void setMaxMessageBytes(Admin admin, String topic, String bytes) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp set = new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes),
                AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all().get();
    }

    private static double failedThreads(MeterRegistry registry) {
        FunctionCounter counter = registry.find(FAILED_THREADS).functionCounter();
        return counter == null ? 0 : counter.count();
    }

    /** The trainer's own threads alive in this JVM; the suites run one application at a time. */
    private static long trainerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(TRAINER_THREAD)).count();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(FAILURE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + FAILURE + " for " + what);
            }
            Thread.sleep(100);
        }
    }
}
