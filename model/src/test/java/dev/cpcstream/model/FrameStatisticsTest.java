package dev.cpcstream.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameStatisticsTest {

    @Test
    void poolsEveryFrameOfEveryWindowIntoMeanThenStandardDeviation() {
        FrameStatistics pooled = new FrameStatistics(2);
        pooled.add(new float[][]{{1, 10}, {3, 10}});
        pooled.add(new float[][]{{5, 10}});

        assertEquals(3, pooled.frames());
        // dimension 0: mean 3, population variance ((1-3)^2 + 0 + (5-3)^2) / 3 = 8/3; dimension 1 is constant
        assertArrayEquals(new float[]{3, 10, (float) Math.sqrt(8.0 / 3.0), 0}, pooled.meanAndStd(), 1e-6f);
    }

    @Test
    void refusesAnEmptySequenceAndAFrameOfTheWrongSize() {
        FrameStatistics pooled = new FrameStatistics(3);
        assertThrows(IllegalStateException.class, pooled::meanAndStd);
        assertThrows(IllegalArgumentException.class, () -> pooled.add(new float[][]{{1, 2}}));
    }

    @Test
    void everyFrameEndsWithTheContextEmbedGivesAndCarriesTheSameState() {
        CpcConfig tiny = Presets.get("tiny");
        SyntheticWindows data = new SyntheticWindows(tiny, 3, 5);
        List<Window> first = data.nextBatch();
        List<Window> second = data.nextBatch();
        try (OnlineLearner everyFrame = new OnlineLearner(tiny); OnlineLearner lastOnly = new OnlineLearner(tiny)) {
            for (List<Window> batch : List.of(first, second)) {          // the second batch starts from carried state
                float[][][] frames = everyFrame.embedEveryFrame(batch);
                float[][] last = lastOnly.embed(batch);
                List<float[]> lastFrames = new ArrayList<>();
                for (float[][] window : frames) {
                    assertEquals(tiny.frames(), window.length);
                    lastFrames.add(window[window.length - 1]);
                }
                assertArrayEquals(last, lastFrames.toArray(new float[0][]));
            }
        }
    }

    @Test
    void everyFramesEncodingDependsOnItsWindowOnlyAndAOneFrameWindowHasOne() {
        CpcConfig tiny = Presets.get("tiny");
        List<Window> batch = new SyntheticWindows(tiny, 2, 9).nextBatch();
        try (OnlineLearner learner = new OnlineLearner(tiny)) {
            OnlineLearner.EveryFrame fresh = learner.embedEveryFrameWithPrototypes(batch);
            OnlineLearner.EveryFrame carried = learner.embedEveryFrameWithPrototypes(batch);  // from fresh's states
            for (int b = 0; b < batch.size(); b++) {
                assertEquals(tiny.frames(), fresh.encodings()[b].length);
                assertEquals(tiny.channels(), fresh.encodings()[b][0].length);
                assertArrayEquals(fresh.encodings()[b], carried.encodings()[b]);          // the encoder is per window
                assertFalse(Arrays.equals(fresh.contexts()[b][0], carried.contexts()[b][0]));   // the GRU is not
            }
            int oneFrame = tiny.window() / tiny.frames();
            float[][][] single = learner.embedEveryFrameWithPrototypes(
                    List.of(new Window("short", Arrays.copyOf(batch.get(0).samples(), oneFrame)))).encodings();
            assertEquals(1, single[0].length);
            assertEquals(tiny.channels(), single[0][0].length);
        }
    }
}
