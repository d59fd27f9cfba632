package dev.cpcstream.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Online CPC on structured generated sequences: starts near chance and learns to pick the future. */
class LearningTest {

    private static final int STEPS = 300;
    private static final int TAIL = 30;

    @Test
    void lossStartsNearChanceAndFallsWellBelowIt() {
        CpcConfig config = Presets.get("tiny");
        Curve curve = train(config);

        assertLearned(config, curve);
        assertTrue(Double.isNaN(curve.lastProtoLoss()), "no ProtoNCE term without prototypes");
        assertNull(curve.lastPrototypes());
    }

    @Test
    void withPrototypesInfoNceStillLearnsAndTheProtoNceTermFalls() {
        CpcConfig config = Presets.get("tiny", Map.of("prototypes", "8"));
        Curve curve = train(config);

        assertLearned(config, curve);
        double chance = Math.log(config.prototypes());
        // the fall varies with the initial weights: to 0.68-0.84 of the first value over four inits we tried
        assertTrue(curve.lastProtoLoss() < 0.9 * curve.firstProtoLoss(), "ProtoNCE " + curve.firstProtoLoss()
                + " when the prototypes were seeded, " + curve.lastProtoLoss() + " at the end (ln P = " + chance + ")");
        long used = Arrays.stream(curve.lastPrototypes()).distinct().count();
        assertTrue(used >= 2, "the last batch's windows all fell on one prototype: " + Arrays.toString(curve.lastPrototypes()));
    }

    private static void assertLearned(CpcConfig config, Curve curve) {
        double chance = config.chanceLoss();
        assertTrue(Math.abs(curve.firstLoss() - chance) < 0.15 * chance,
                "initial loss " + curve.firstLoss() + " far from ln(N+1) = " + chance);
        assertTrue(curve.lastLoss() < 0.85 * chance, "loss " + curve.lastLoss() + " did not fall clearly below chance " + chance);
        assertTrue(curve.lastAccuracy() > 3.0 / (config.negatives() + 1), "accuracy " + curve.lastAccuracy() + " not well above chance");
    }

    /**
     * @param firstProtoLoss the ProtoNCE term of the first step that had prototypes (NaN if none did)
     * @param lastPrototypes the prototype assignments of the last step's windows
     */
    private record Curve(double firstLoss, double lastLoss, double lastAccuracy, double firstProtoLoss,
                         double lastProtoLoss, int[] lastPrototypes) {
    }

    private static Curve train(CpcConfig config) {
        SyntheticWindows data = new SyntheticWindows(config, 8, 11);
        double firstLoss = 0;
        double lastLoss = 0;
        double lastAccuracy = 0;
        double firstProtoLoss = Double.NaN;
        double lastProtoLoss = 0;
        int[] lastPrototypes = null;
        try (OnlineLearner learner = new OnlineLearner(config)) {
            for (int i = 0; i < STEPS; i++) {
                TrainResult r = learner.train(data.nextBatch());
                assertTrue(r.update().applied(), "step " + i + " skipped");
                if (i == 0) {
                    firstLoss = r.losses().infoNce();
                }
                if (Double.isNaN(firstProtoLoss)) {
                    firstProtoLoss = r.losses().protoNce();
                }
                if (i >= STEPS - TAIL) {
                    lastLoss += r.losses().infoNce() / TAIL;
                    lastAccuracy += r.losses().accuracy() / TAIL;
                    lastProtoLoss += r.losses().protoNce() / TAIL;
                }
                lastPrototypes = r.embeddings().prototypes();
                if (i % 50 == 0) {
                    System.out.printf("step %d loss %.3f (chance %.3f) accuracy %.3f ProtoNCE %.3f%n", i, r.losses().infoNce(),
                            config.chanceLoss(), r.losses().accuracy(), r.losses().protoNce());
                }
            }
        }
        Curve curve = new Curve(firstLoss, lastLoss, lastAccuracy, firstProtoLoss, lastProtoLoss, lastPrototypes);
        System.out.println(curve);
        return curve;
    }
}
