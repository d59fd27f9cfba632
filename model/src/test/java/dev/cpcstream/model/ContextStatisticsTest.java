package dev.cpcstream.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContextStatisticsTest {

    @Test
    void poolsEveryFrameOfEveryWindowIntoMeanThenStandardDeviation() {
        ContextStatistics pooled = new ContextStatistics(2);
        pooled.add(new float[][]{{1, 10}, {3, 10}});
        pooled.add(new float[][]{{5, 10}});

        assertEquals(3, pooled.frames());
        // dimension 0: mean 3, population variance ((1-3)^2 + 0 + (5-3)^2) / 3 = 8/3; dimension 1 is constant
        assertArrayEquals(new float[]{3, 10, (float) Math.sqrt(8.0 / 3.0), 0}, pooled.meanAndStd(), 1e-6f);
    }

    @Test
    void refusesAnEmptySequenceAndAContextOfTheWrongSize() {
        ContextStatistics pooled = new ContextStatistics(3);
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
}
