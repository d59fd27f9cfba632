package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.Presets;
import dev.cpcstream.model.Window;
import dev.cpcstream.monitoring.MetricNames;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.ModelSnapshot;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model topic: the trainer publishes its weights there on a schedule, and every instance, following it, embeds
 * with the newest weights it has seen, never older ones and never another config's. The tiny preset, as in
 * {@link CpcTopologyTest}: two 320-sample frames make one window.
 */
class ModelTopicTest {

    private static final int HALF_WINDOW = 320;
    private static final String MIC = "mic-1";
    private static final CpcConfig TINY = Presets.get("tiny");

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;

    /** Batches of one window, no checkpoints, snapshots every {@code everySteps} steps and never by the clock. */
    private TopologyFixture start(boolean trains, long everySteps) {
        StreamSettings settings = StreamSettings.defaults().withBatching(1, 1, trains)
                .withCheckpoints(0, Duration.ZERO, Optional.empty(), 1).withSnapshots(everySteps, Duration.ZERO);
        fixture = new TopologyFixture(TINY, settings, stateDir);
        return fixture;
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theTrainerPublishesItsWeightsAtOnceThenEveryNSteps() {
        TopologyFixture f = start(true, 2);

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 2, 3, 4, 5, 6, 7);

        List<ModelSnapshot> snapshots = f.readSnapshots();
        assertEquals(List.of(1L, 3L), snapshots.stream().map(ModelSnapshot::getStep).toList(),
                "the first step's weights at once, then two steps later");
        List<Embedding> embeddings = f.readEmbeddings().stream().map(TestRecord::value).toList();
        for (ModelSnapshot snapshot : snapshots) {
            assertEquals(TINY.hash(), snapshot.getConfigHash());
            assertTrue(embeddings.stream().anyMatch(e -> e.getModelVersion() == snapshot.getModelVersion()),
                    "the snapshot's version names weights an embedding was computed with");
        }
        f.tick(Duration.ofSeconds(30));
        assertTrue(f.readSnapshots().isEmpty(), "no new weights, no new snapshot");
        assertEquals(0, f.gauge(MetricNames.MODEL_VERSION_LAG), "the trainer's weights are the newest");
        assertTrue(f.owner.holdsModel());
    }

    @Test
    void aFollowerIsNotReadyUntilItHoldsASnapshot() {
        TopologyFixture f = start(false, 1);
        assertFalse(f.owner.holdsModel(), "a fresh model that does not train has no weights to serve");

        f.follow(trainedSnapshot(TINY, 2));

        assertTrue(f.owner.holdsModel());
        assertTrue(f.metrics.health().toJson().contains("\"modelRestored\":true"), f.metrics.health().toJson());
    }

    @Test
    void aFreshFollowerIsReadyOnTheTrainersVersionZeroSnapshot() {
        TopologyFixture f = start(false, 1);

        f.follow(trainedSnapshot(TINY, 0));

        assertTrue(f.owner.holdsModel(), "the trainer's initial weights are the follower's own");
        assertTrue(f.metrics.health().toJson().contains("\"modelRestored\":true"), f.metrics.health().toJson());
    }

    @Test
    void aFollowerEmbedsWithTheNewestWeightsItSawAndNeverGoesBack() {
        TopologyFixture f = start(false, 1);
        ModelSnapshot older = trainedSnapshot(TINY, 1);
        ModelSnapshot newer = trainedSnapshot(TINY, 3);

        f.follow(newer);
        f.sendPcm(MIC, HALF_WINDOW, 0, 1);
        f.follow(older);
        f.sendPcm(MIC, HALF_WINDOW, 2, 3);

        List<Embedding> out = f.readEmbeddings().stream().map(TestRecord::value).toList();
        assertEquals(2, out.size());
        for (Embedding embedding : out) {
            assertEquals(newer.getModelVersion(), embedding.getModelVersion(), "an older snapshot is ignored");
            assertEquals(newer.getStep(), embedding.getModelStep());
            assertFalse(embedding.getTrained());
        }
        assertTrue(f.readSnapshots().isEmpty(), "a follower publishes no weights");
        assertEquals(0, f.gauge(MetricNames.MODEL_VERSION_LAG));
    }

    @Test
    void aSnapshotOfAnotherConfigIsRefused() {
        TopologyFixture f = start(false, 1);

        f.follow(trainedSnapshot(Presets.get("tiny", Map.of("seed", "7")), 2));
        f.sendPcm(MIC, HALF_WINDOW, 0, 1);

        assertEquals(1, f.counter(MetricNames.SNAPSHOTS_REFUSED));
        assertFalse(f.owner.holdsModel());
        assertEquals(0, f.readEmbeddings().get(0).value().getModelVersion(), "still the initial weights");
    }

    @Test
    void aFollowerTakesNoCheckpointEvenWhenAsked() {
        TopologyFixture f = start(false, 1);
        f.follow(trainedSnapshot(TINY, 1));
        f.sendPcm(MIC, HALF_WINDOW, 0, 1);

        CompletableFuture<ModelCheckpoint> requested = f.owner.requestCheckpoint();
        f.tick(Duration.ofMinutes(5));

        assertTrue(f.readCheckpoints().isEmpty(), "the checkpoint topic is the trainer's alone");
        assertFalse(requested.isDone());
    }

    /** The weights of a model trained {@code steps} steps on random windows, as its trainer would publish them. */
    private static ModelSnapshot trainedSnapshot(CpcConfig config, int steps) {
        SplittableRandom random = new SplittableRandom(steps);
        try (OnlineLearner trainer = new OnlineLearner(config)) {
            for (int i = 0; i < steps; i++) {
                trainer.train(IntStream.range(0, 4).mapToObj(source -> new Window("train-" + source,
                        randomSamples(random, config.inChannels() * config.window()))).toList());
            }
            return trainer.snapshot();
        }
    }

    private static float[] randomSamples(SplittableRandom random, int length) {
        float[] samples = new float[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return samples;
    }
}
