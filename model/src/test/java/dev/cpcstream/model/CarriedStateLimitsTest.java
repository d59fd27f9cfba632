package dev.cpcstream.model;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The learner carries a source's GRU state while the source is seen within its {@link SourceLimits}, bit for bit,
 * and forgets it after: the source then starts from a zero state, as a new one does; checkpoints keep the marks.
 */
class CarriedStateLimitsTest {

    private static final CpcConfig TINY = Presets.get("tiny");
    private static final long T0 = 1_765_000_000_000L;
    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final SourceLimits IDLE_ONLY = new SourceLimits(IDLE, 0);
    private static final SourceLimits NONE = new SourceLimits(Duration.ZERO, 0);

    @Test
    void aSourceIdlePastTheLimitStartsFromZeroAndOneSeenWithinItKeepsItsState() {
        SyntheticWindows data = new SyntheticWindows(TINY, 2, 3);
        List<Window> first = at(data.nextBatch(), T0);                                   // source-0, source-1
        Window source0Within = at(data.nextBatch().get(0), T0 + IDLE.toMillis() / 2);
        Window source1After = at(data.nextBatch().get(1), T0 + IDLE.toMillis() + 1);
        Window source0Again = at(data.nextBatch().get(0), T0 + IDLE.toMillis() + 2);
        try (OnlineLearner limited = new OnlineLearner(TINY, IDLE_ONLY);
             OnlineLearner unlimited = new OnlineLearner(TINY, NONE);
             OnlineLearner fresh = new OnlineLearner(TINY, NONE)) {
            for (OnlineLearner learner : List.of(limited, unlimited)) {
                learner.embed(first);
                learner.embed(List.of(source0Within));
            }

            float[] returned = limited.embed(List.of(source1After))[0];
            float[] carriedOver = unlimited.embed(List.of(source1After))[0];
            float[] asNew = fresh.embed(List.of(source1After))[0];

            assertArrayEquals(asNew, returned, 0f, "source-1, idle past the limit, starts from a zero state");
            assertFalse(Arrays.equals(asNew, carriedOver), "a carried state changes the embedding");
            assertArrayEquals(unlimited.embed(List.of(source0Again))[0], limited.embed(List.of(source0Again))[0], 0f,
                    "source-0, seen within the limit, keeps its state bit for bit");
            assertEquals(2, limited.sourcesCarried());

            limited.embed(List.of(at(data.nextBatch().get(0), T0 + 5 * IDLE.toMillis())));
            assertEquals(Set.of("source-0"), limited.state().carriedStates().keySet(), "source-1 went idle");
        }
    }

    @Test
    void beyondTheLimitOfSourcesTheLeastRecentlySeenAreForgotten() {
        SyntheticWindows data = new SyntheticWindows(TINY, 10, 3);
        List<Window> windows = data.nextBatch();
        try (OnlineLearner learner = new OnlineLearner(TINY, new SourceLimits(IDLE, 3))) {
            for (int i = 0; i < windows.size(); i++) {
                learner.embed(List.of(at(windows.get(i), T0 + i)));
                assertEquals(Math.min(i + 1, 3), learner.sourcesCarried(), "after source " + i);
            }
            assertEquals(Set.of("source-7", "source-8", "source-9"), learner.state().carriedStates().keySet());
        }
    }

    @Test
    void aRestoredLearnerKeepsTheMarksAndForgetsWhatTheOriginalForgets() {
        SyntheticWindows data = new SyntheticWindows(TINY, 4, 3);
        try (OnlineLearner original = new OnlineLearner(TINY, IDLE_ONLY)) {
            original.train(at(data.nextBatch(), T0));
            original.train(at(data.nextBatch().subList(0, 2), T0 + IDLE.toMillis() / 2));
            ModelCheckpoint decoded = Codecs.MODEL_CHECKPOINT.decode(
                    Codecs.MODEL_CHECKPOINT.encode(original.checkpoint(Map.of())));
            long half = T0 + IDLE.toMillis() / 2;
            assertEquals(Map.of("source-0", half, "source-1", half, "source-2", T0, "source-3", T0),
                    new TreeMap<>(decoded.getCarriedStatesLastSeen()));

            try (OnlineLearner restored = OnlineLearner.restore(decoded, IDLE_ONLY)) {
                assertSameCarriedStates(original, restored);
                List<Window> later = at(data.nextBatch().subList(0, 1), T0 + IDLE.toMillis() + 1);
                assertEquals(original.train(later).losses().infoNce(), restored.train(later).losses().infoNce(), 0.0);
                assertSameCarriedStates(original, restored);
                assertEquals(Set.of("source-0", "source-1"), restored.state().carriedStates().keySet(),
                        "source-2 and source-3 went idle");
            }
        }
    }

    @Test
    void aCheckpointWrittenBeforeMarksKeepsItsSourcesUntilTheyGoIdle() {
        SyntheticWindows data = new SyntheticWindows(TINY, 4, 3);
        try (OnlineLearner original = new OnlineLearner(TINY, NONE)) {
            original.train(data.nextBatch());
            ModelCheckpoint checkpoint = original.checkpoint(Map.of());
            checkpoint.setCarriedStatesLastSeen(Map.of());                    // as written before marks were kept

            try (OnlineLearner restored = OnlineLearner.restore(checkpoint, IDLE_ONLY)) {
                restored.embed(List.of(at(data.nextBatch().get(0), T0)));
                assertEquals(4, restored.sourcesCarried(), "the first timestamp after the restore is their mark");
                restored.embed(List.of(at(data.nextBatch().get(0), T0 + IDLE.toMillis() + 1)));
                assertEquals(Set.of("source-0"), restored.state().carriedStates().keySet());
            }
        }
    }

    private static void assertSameCarriedStates(OnlineLearner a, OnlineLearner b) {
        Map<String, CarriedStates.Saved> expected = a.state().carriedStates();
        Map<String, CarriedStates.Saved> actual = b.state().carriedStates();
        assertEquals(expected.keySet(), actual.keySet(), "sources carried");
        expected.forEach((source, saved) -> {
            assertArrayEquals(saved.hidden(), actual.get(source).hidden(), 0f, "GRU state of " + source);
            assertEquals(saved.lastSeenMs(), actual.get(source).lastSeenMs(), "last seen of " + source);
        });
    }

    private static List<Window> at(List<Window> windows, long timestampMs) {
        return windows.stream().map(w -> at(w, timestampMs)).toList();
    }

    private static Window at(Window w, long timestampMs) {
        return new Window(w.sourceId(), timestampMs, w.samples());
    }
}
