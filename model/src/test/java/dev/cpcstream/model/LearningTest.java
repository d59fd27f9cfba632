package dev.cpcstream.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Online CPC on structured generated sequences: starts near chance and learns to pick the future. */
class LearningTest {

    @Test
    void lossStartsNearChanceAndFallsWellBelowIt() {
        CpcConfig config = Presets.get("tiny");
        SyntheticWindows data = new SyntheticWindows(config, 8, 11);
        double chance = config.chanceLoss();
        double firstLoss = 0;
        double lastLoss = 0;
        double lastAccuracy = 0;
        int steps = 300;
        int tail = 30;
        try (OnlineLearner learner = new OnlineLearner(config)) {
            for (int i = 0; i < steps; i++) {
                TrainResult r = learner.train(data.nextBatch());
                assertTrue(r.applied(), "step " + i + " skipped");
                if (i == 0) {
                    firstLoss = r.loss();
                }
                if (i >= steps - tail) {
                    lastLoss += r.loss() / tail;
                    lastAccuracy += r.accuracy() / tail;
                }
                if (i % 50 == 0) {
                    System.out.printf("step %d loss %.3f (chance %.3f) accuracy %.3f%n", i, r.loss(), chance, r.accuracy());
                }
            }
        }
        System.out.printf("first loss %.3f, last loss %.3f, chance %.3f, last accuracy %.3f%n",
                firstLoss, lastLoss, chance, lastAccuracy);
        assertTrue(Math.abs(firstLoss - chance) < 0.15 * chance, "initial loss " + firstLoss + " far from ln(N+1) = " + chance);
        assertTrue(lastLoss < 0.85 * chance, "loss " + lastLoss + " did not fall clearly below chance " + chance);
        assertTrue(lastAccuracy > 3.0 / (config.negatives() + 1), "accuracy " + lastAccuracy + " not well above chance");
    }
}
