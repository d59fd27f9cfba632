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
    private static final int WINDOWS_PER_SOURCE = 600;
    /** Tiny windows are 4 frames; two more frames do not make a whole window and must not make one. */
    private static final long FRAMES_PER_SOURCE = WINDOWS_PER_SOURCE * 4 + 2;
    private static final Duration DRAIN = Duration.ofMinutes(2);

    private static Map<String, Long> sent;
    private static CpcConfig model;
    private static int stepsPerFrame;
    private static AppStatus status;
    private static List<Embedding> embeddings;
    private static int deadLetters;

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
        deadLetters = TopicReader.readRaw(deployment.topics().deadLetters(), DRAIN).size();
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

    @Test
    void theLossFallsBelowChance() {
        assertTrue(status.trainSteps() > 0);
        assertTrue(status.lastLoss() < status.chanceLoss(), "loss " + status.lastLoss() + " chance "
                + status.chanceLoss() + " after " + status.trainSteps() + " steps");
        // The loss of an untrained model can start below ln(N + 1) already; learning shows in picking the future.
        double chanceAccuracy = 1.0 / (model.negatives() + 1);
        assertTrue(status.lastAccuracy() > 2 * chanceAccuracy, "accuracy " + status.lastAccuracy() + " chance "
                + chanceAccuracy);
    }

    @Test
    void everyFrameIsReadAndNoneIsDeadLettered() {
        assertEquals(SOURCES * FRAMES_PER_SOURCE, status.framesIn());
        assertEquals(0, status.dlq());
        assertEquals(0, deadLetters);
    }
}
