package dev.cpcstream.model;

import dev.cpcstream.schemas.Codecs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SourceLimits#carriedStateBytes} bounds what carried states add to an encoded checkpoint, closely enough that
 * the start's check does not refuse a limit that fits: sources with the longest ids it allows for fill it to within a
 * few bytes a source.
 */
class CarriedStateBytesTest {

    private static final CpcConfig TINY = Presets.get("tiny");
    private static final int SOURCES = 40;

    @Test
    void theBoundHoldsForTheLongestIdsAndIsTight() {
        SourceLimits limits = new SourceLimits(Duration.ZERO, SOURCES);
        SyntheticWindows data = new SyntheticWindows(TINY, SOURCES, 5);
        List<Window> windows = new ArrayList<>();
        for (Window w : data.nextBatch()) {
            windows.add(new Window(longestId(w.sourceId()), 1_765_000_000_000L, w.samples()));
        }
        try (OnlineLearner empty = new OnlineLearner(TINY, limits);
             OnlineLearner full = new OnlineLearner(TINY, limits)) {
            full.embed(windows);
            assertEquals(SOURCES, full.sourcesCarried());

            long added = encodedBytes(full) - encodedBytes(empty);
            long bound = limits.carriedStateBytes(TINY.hidden());
            assertTrue(added <= bound, added + " bytes added, more than the bound " + bound);
            assertTrue(bound - added <= 16L * SOURCES, "the bound " + bound + " is loose: " + added + " added");
        }
    }

    @Test
    void withoutALimitThereIsNoBound() {
        assertEquals(-1, new SourceLimits(Duration.ofHours(1), 0).carriedStateBytes(TINY.hidden()));
    }

    private static long encodedBytes(OnlineLearner learner) {
        return Codecs.MODEL_CHECKPOINT.encode(learner.checkpoint(Map.of())).length;
    }

    private static String longestId(String id) {
        return id + "-".repeat(SourceLimits.SOURCE_ID_BYTES - id.length());
    }
}
