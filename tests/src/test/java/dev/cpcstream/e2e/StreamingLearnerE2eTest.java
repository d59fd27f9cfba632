package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.streams.app.AppStatus;
import dev.cpcstream.streams.app.CpcStreamsApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learner on a real broker, run once on six synthetic sources over four partitions with one stream thread;
 * each test checks one promise of that run.
 */
@ExtendWith(SharedBroker.class)
class StreamingLearnerE2eTest {

    private static final int SOURCES = 6;
    /** Enough steps that the learning clears the margins below also on a busy 2-core machine (docs/testing.md). */
    private static final int WINDOWS_PER_SOURCE = 1200;
    /** Tiny windows are 4 frames; two more frames do not make a whole window and must not make one. */
    private static final long FRAMES_PER_SOURCE = WINDOWS_PER_SOURCE * 4 + 2;
    private static final Duration DRAIN = Duration.ofMinutes(2);
    /** Steps {@link AppStatus} averages its first and its last loss over; they must not overlap. */
    private static final int AVERAGED_STEPS = 10;
    /** Margins well beyond what a run with learning rate 0 drifts by, well within what a learning run gains. */
    private static final double LOSS_DROP = 0.25;
    private static final double ACCURACY_GAIN = 0.05;

    private static Map<String, Long> sent;
    private static CpcConfig model;
    private static int stepsPerFrame;
    private static AppStatus status;
    private static List<Embedding> embeddings;
    /** Reason and detail of each record in the dead-letter topic. */
    private static List<String> deadLetters;

    @BeforeAll
    static void learn(@TempDir Path stateDir) throws Exception {
        Deployment deployment = new Deployment("stream", stateDir, Map.of());
        model = deployment.model();
        SyntheticFeed feed = new SyntheticFeed(model, SOURCES);
        stepsPerFrame = feed.stepsPerFrame();
        try (CpcStreamsApp app = deployment.start()) {
            sent = feed.send(deployment, FRAMES_PER_SOURCE);
            app.drain(DRAIN);
            status = app.status();
        }
        embeddings = TopicReader.readAll(deployment.topics().embeddings(), Codecs.EMBEDDING, DRAIN);
        deadLetters = TopicReader.readAll(deployment.topics().deadLetters(), Codecs.DEAD_LETTER, DRAIN).stream()
                .map(letter -> letter.getReason() + ": " + letter.getDetail()).toList();
    }

    @Test
    void everyWindowHasExactlyOneCommittedEmbedding() {
        List<String> expected = WindowKeys.expected(sent, stepsPerFrame, model);

        assertEquals(SOURCES * WINDOWS_PER_SOURCE, expected.size());
        WindowKeys.assertEachExactlyOnce(expected, embeddings);
        assertEquals(expected.size(), status.windows());
        assertEquals(expected.size(), status.embeddingsOut());
    }

    @Test
    void embeddingsCarryTheModelThatMadeThem() {
        for (Embedding e : embeddings) {
            assertEquals(model.hidden(), e.getDimension());
            assertEquals(model.hidden(), e.getVector().size());
            assertEquals(Deployment.PRESET, e.getPreset());
        }
        assertTrue(embeddings.stream().mapToLong(Embedding::getModelStep).max().orElseThrow() > 0);
    }

    /** As the demo summary shows it: the run's latest steps against its own first ones, loss and accuracy. */
    @Test
    void theLossFallsFromWhereTheRunStarted() {
        String progress = "loss " + status.firstLoss() + " -> " + status.lastLoss() + ", accuracy "
                + status.firstAccuracy() + " -> " + status.lastAccuracy() + " over " + status.trainSteps() + " steps";
        System.out.println("StreamingLearnerE2eTest: " + progress);
        assertTrue(status.trainSteps() >= 2 * AVERAGED_STEPS, progress);
        assertTrue(status.lastLoss() < status.firstLoss() - LOSS_DROP, progress);
        assertTrue(status.lastAccuracy() > status.firstAccuracy() + ACCURACY_GAIN, progress);
    }

    @Test
    void everyFrameIsReadAndNoneIsDeadLettered() {
        assertEquals(List.of(), deadLetters, "the dead-letter topic");
        assertEquals(SOURCES * FRAMES_PER_SOURCE, status.framesIn());
        assertEquals(0, status.dlq());
    }
}
