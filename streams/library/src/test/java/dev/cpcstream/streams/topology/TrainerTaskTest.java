package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.Presets;
import dev.cpcstream.monitoring.MetricNames;
import dev.cpcstream.monitoring.TrainingIntake;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.ModelCheckpoint;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training-windows topic and the trainer task reading it: which windows every instance forwards, and what the
 * trainer task's init makes of a checkpoint. The tiny preset: two 320-sample frames make one window.
 */
class TrainerTaskTest {

    private static final int HALF_WINDOW = 320;
    private static final CpcConfig TINY = Presets.get("tiny");
    private static final List<String> SOURCES = List.of("mic-1", "mic-2", "mic-3", "mic-4");
    private static final long[] FORTY_FRAMES = LongStream.range(0, 40).toArray();

    @TempDir
    Path stateDir;

    private static StreamSettings oneWindowBatches() {
        return StreamSettings.defaults().withBatching(1, 1, true)
                .withCheckpoints(0, Duration.ZERO, Optional.empty(), 1);
    }

    @Test
    void aFractionOfWindowsIsChosenTheSameWayOnEveryReplay() {
        List<Boolean> first = chosenFor(0.5, stateDir.resolve("first"));
        List<Boolean> replay = chosenFor(0.5, stateDir.resolve("replay"));

        assertEquals(first, replay, "the same windows are chosen whichever run embeds them");
        long chosen = first.stream().filter(Boolean::booleanValue).count();
        assertTrue(chosen > first.size() / 4 && chosen < first.size() * 3 / 4, chosen + " of " + first.size());
        assertTrue(chosenFor(1.0, stateDir.resolve("all")).stream().allMatch(Boolean::booleanValue));
    }

    /** Whether each window, in embedding order, was chosen for training; checks the trainer trained on those. */
    private List<Boolean> chosenFor(double fraction, Path dir) {
        try (TopologyFixture f = new TopologyFixture(TINY, oneWindowBatches().withTrainFraction(fraction), dir)) {
            for (String source : SOURCES) {
                f.sendPcm(source, HALF_WINDOW, FORTY_FRAMES);
            }
            List<Boolean> chosen = f.readEmbeddings().stream().map(TestRecord::value).map(Embedding::getTrained)
                    .toList();
            assertEquals(SOURCES.size() * FORTY_FRAMES.length / 2, chosen.size());
            assertEquals(chosen.stream().filter(Boolean::booleanValue).count(), f.trainer.get().progress().steps(),
                    "one step per chosen window");
            return chosen;
        }
    }

    @Test
    void theTrainerTaskResumesFromTheCheckpointAndSkipsTheWindowsItCovers() {
        ModelCheckpoint checkpoint;
        StreamSettings settings = oneWindowBatches().withCheckpoints(2, Duration.ZERO, Optional.empty(), 1);
        try (TopologyFixture f = new TopologyFixture(TINY, settings, stateDir.resolve("before"))) {
            f.sendPcm("mic-1", HALF_WINDOW, 0, 1, 2, 3);
            checkpoint = f.readCheckpoints().get(0);
        }
        String partition = TopologyFixture.TOPICS.trainingWindows() + "-0";
        assertEquals(Map.of(partition, 2L), checkpoint.getInputOffsets());

        // The same training windows again, as a new owner of the task reads what was not committed after it.
        try (TopologyFixture f = new TopologyFixture(TINY, settings, stateDir.resolve("after"),
                () -> LearnerOwner.restored(checkpoint, settings, true))) {
            f.sendPcm("mic-1", HALF_WINDOW, 0, 1, 2, 3);
            LearnerOwner trainer = f.trainer.get();
            assertEquals(0, trainer.progress().steps(), "the two windows the checkpoint covers are not trained again");
            assertEquals(checkpoint.getModelVersion(), trainer.progress().modelVersion());

            f.sendPcm("mic-1", HALF_WINDOW, 4, 5);

            assertEquals(1, trainer.progress().steps());
            assertEquals(3, trainer.seenUpTo(partition));
            assertEquals(1, f.uncheckpointedTrainingWindows(), "kept until a checkpoint covers it");
            assertTrue(trainer.progress().modelVersion() > checkpoint.getModelVersion(),
                    "the step continues from the checkpoint's");
        }
    }

    @Test
    void aWindowThatWaitedPastTheLagBudgetIsPassedOverAsStale() {
        StreamSettings settings = oneWindowBatches().withTrainMaxLag(Duration.ofSeconds(30));
        try (TopologyFixture f = new TopologyFixture(TINY, settings, stateDir.resolve("budget"))) {
            TestInputTopic<String, PendingWindow> training = trainingWindows(f);
            long now = TopologyFixture.START.toEpochMilli();
            training.pipeInput("mic-1", window(0), now - 31_000);
            training.pipeInput("mic-1", window(1), now - 29_000);
            training.pipeInput("mic-1", window(2), now - 45_000);

            assertEquals(1, f.trainer.get().progress().steps(), "only the window within the budget is trained on");
            assertEquals(2, intake(f, TrainingIntake.STALE));
            assertEquals(1, intake(f, TrainingIntake.TRAINED));
            assertEquals(0, intake(f, TrainingIntake.THINNED));
            assertEquals(45.0, f.gauge(MetricNames.TRAINING_LAG), "the wait of the last window to arrive");
        }
        try (TopologyFixture f = new TopologyFixture(TINY, settings.withTrainMaxLag(Duration.ZERO),
                stateDir.resolve("unbounded"))) {
            TestInputTopic<String, PendingWindow> training = trainingWindows(f);
            training.pipeInput("mic-1", window(0), TopologyFixture.START.toEpochMilli() - 3_600_000);

            assertEquals(1, f.trainer.get().progress().steps(), "a budget of 0 trains on every window");
            assertEquals(0, intake(f, TrainingIntake.STALE));
        }
    }

    private static TestInputTopic<String, PendingWindow> trainingWindows(TopologyFixture f) {
        return f.driver.createInputTopic(TopologyFixture.TOPICS.trainingWindows(), new StringSerializer(),
                new PendingWindowSerde().serializer());
    }

    /** A window of the tiny preset holding a tone, so its training step is finite. */
    private static PendingWindow window(long startSeq) {
        float[] samples = new float[2 * HALF_WINDOW];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) Math.sin(0.05 * (i + startSeq));
        }
        return new PendingWindow("mic-1", startSeq, startSeq + 1, 0, samples, "", 0);
    }

    private static double intake(TopologyFixture f, TrainingIntake outcome) {
        return f.registry.get(MetricNames.TRAINING_WINDOWS).tag(MetricNames.TAG_OUTCOME, outcome.name()).counter()
                .count();
    }
}
