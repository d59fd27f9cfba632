package dev.cpcstream.streams.eval;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** ROC AUC, detection delay and false alarms of the novelty evaluation, on scores whose answers are known. */
class SwitchScoresTest {

    private static final int SOURCES = 3;
    private static final int BEFORE = 60;
    private static final int AFTER = 5;
    private static final double WINDOW_SECONDS = 0.5;
    private static final NoveltyProtocol PROTOCOL = new NoveltyProtocol(SOURCES, 0, 1, BEFORE, AFTER, 0.99, 8, 16, 1);

    /** Normal windows score in [0, 1); after the switch, {@code after} (NaN: no score). */
    private static SwitchScores scores(double after, int firstHighWindow) {
        SplittableRandom random = new SplittableRandom(2);
        SwitchScores scores = new SwitchScores("test", SOURCES, BEFORE + AFTER);
        for (int s = 0; s < SOURCES; s++) {
            for (int w = 0; w < BEFORE + AFTER; w++) {
                boolean high = w >= BEFORE + firstHighWindow;
                scores.put(s, w, high ? after : random.nextDouble());
            }
        }
        return scores;
    }

    @Test
    void aScoreThatJumpsAtTheSwitchIsDetectedInItsFirstWindow() {
        MethodResult result = scores(5.0, 0).evaluate(PROTOCOL, WINDOW_SECONDS);
        assertEquals(1.0, result.auc());
        assertEquals(SOURCES, result.detected());
        assertEquals(WINDOW_SECONDS, result.medianDelaySeconds(), "the end of the first window after the switch");
    }

    @Test
    void aLateJumpIsDetectedLate() {
        MethodResult result = scores(5.0, 2).evaluate(PROTOCOL, WINDOW_SECONDS);
        assertEquals(3 * WINDOW_SECONDS, result.medianDelaySeconds());
    }

    @Test
    void aScoreThatDropsAtTheSwitchRanksBelowChanceAndDetectsNothing() {
        MethodResult result = scores(-1.0, 0).evaluate(PROTOCOL, WINDOW_SECONDS);
        assertEquals(0.0, result.auc());
        assertEquals(0, result.detected());
        assertNull(result.medianDelaySeconds());
    }

    @Test
    void rocAucCountsTiesAsHalf() {
        assertEquals(0.5, RocAuc.of(new double[]{1, 1}, new double[]{1, 1}));
        assertEquals(3.5 / 4, RocAuc.of(new double[]{2, 1}, new double[]{1, 0}), 1e-12);
    }
}
