package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.streams.app.AppStatus;
import dev.cpcstream.streams.app.CpcStreamsApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedBroker.class)
class RestartE2eTest {

    private static final int SOURCES = 3;
    /** Not a whole number of windows: the second run must finish the window the first one left open. */
    private static final long FRAMES_PER_RUN = 201;
    private static final Duration DRAIN = Duration.ofMinutes(2);

    @Test
    void aRestartedAppResumesTheModelAndLosesOrRepeatsNoWindow(@TempDir Path stateDir) throws Exception {
        Deployment deployment = new Deployment("restart", stateDir, Map.of());
        CpcConfig model = deployment.model();
        SyntheticFeed feed = new SyntheticFeed(model, SOURCES);
        Map<String, Long> sent = new HashMap<>();

        AppStatus first = runOnce(deployment, feed, sent);
        List<Embedding> firstEmbeddings = TopicReader.readAll(deployment.topics().embeddings(), Codecs.EMBEDDING,
                DRAIN);
        AppStatus second = runOnce(deployment, feed, sent);
        List<Embedding> all = TopicReader.readAll(deployment.topics().embeddings(), Codecs.EMBEDDING, DRAIN);

        WindowKeys.assertEachExactlyOnce(WindowKeys.expected(sent, feed.stepsPerFrame(), model), all);
        Set<String> firstKeys = firstEmbeddings.stream().map(WindowKeys::of).collect(Collectors.toSet());
        List<Embedding> secondEmbeddings = all.stream().filter(e -> !firstKeys.contains(WindowKeys.of(e))).toList();
        long lastStepBefore = firstEmbeddings.stream().mapToLong(Embedding::getModelStep).max().orElseThrow();
        long firstStepAfter = secondEmbeddings.stream().mapToLong(Embedding::getModelStep).min().orElseThrow();
        assertTrue(first.trainSteps() > 0 && second.trainSteps() > 0, first + " / " + second);
        assertTrue(firstStepAfter >= lastStepBefore, "the second run started again at step " + firstStepAfter
                + " where the first had reached " + lastStepBefore);
        assertTrue(second.modelVersion() > first.modelVersion(), "model version went from " + first.modelVersion()
                + " to " + second.modelVersion());
    }

    private static AppStatus runOnce(Deployment deployment, SyntheticFeed feed, Map<String, Long> sent)
            throws InterruptedException {
        try (CpcStreamsApp app = deployment.start()) {
            feed.send(deployment, FRAMES_PER_RUN).forEach((source, frames) -> sent.merge(source, frames, Long::sum));
            app.drain(DRAIN);
            return app.status();
        }
    }
}
