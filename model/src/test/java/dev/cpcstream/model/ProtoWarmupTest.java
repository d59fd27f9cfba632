package dev.cpcstream.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PCL's warm-up: InfoNCE alone for protoWarmup applied steps while the prototypes already follow the queue. */
class ProtoWarmupTest {

    private static final int WARMUP = 5;

    @Test
    void theWeightIsZeroThroughTheWarmUpThenRampsLinearlyToProtoWeight() {
        CpcConfig config = Presets.get("tiny", Map.of("prototypes", "4", "protoWeight", "0.4",
                "protoWarmup", "10", "protoRamp", "4"));
        assertEquals(0.0, config.protoWeightAt(0), 0.0);
        assertEquals(0.0, config.protoWeightAt(9), 0.0);
        assertEquals(0.1, config.protoWeightAt(10), 1e-12);
        assertEquals(0.3, config.protoWeightAt(12), 1e-12);
        assertEquals(0.4, config.protoWeightAt(13), 1e-12);
        assertEquals(0.4, config.protoWeightAt(1_000_000), 1e-12);
        assertEquals(0.4, config.with(Map.of("protoRamp", "0")).protoWeightAt(10), 0.0, "no ramp: at once");
    }

    @Test
    void beforeTheWarmUpEndsProtoNceChangesNoWeightThoughThePrototypesExist() {
        // 4 windows of 40 frames: the 256-key queue fills on the second step, which seeds the prototypes
        Map<String, String> pcl = Map.of("prototypes", "4", "protoWarmup", Integer.toString(WARMUP));
        CpcConfig warmingUp = Presets.get("tiny", pcl);
        CpcConfig withoutTerm = warmingUp.with(Map.of("protoWeight", "0"));
        SyntheticWindows data = new SyntheticWindows(warmingUp, 4, 5);
        try (OnlineLearner learner = new OnlineLearner(warmingUp);
             OnlineLearner reference = new OnlineLearner(withoutTerm)) {
            for (int step = 0; step < WARMUP; step++) {
                List<Window> batch = data.nextBatch();
                TrainResult r = learner.train(batch);
                reference.train(batch);
                assertTrue(Double.isNaN(r.losses().protoNce()), "ProtoNCE left out at step " + step);
                assertArrayEquals(reference.state().params().toFloatVector(), learner.state().params().toFloatVector(),
                        "weights of step " + step);
            }
            assertNotNull(learner.state().prototypes(), "seeded during the warm-up");

            List<Window> batch = data.nextBatch();
            TrainResult first = learner.train(batch);
            reference.train(batch);
            assertTrue(first.losses().protoNce() > 0, "ProtoNCE joins once the warm-up is over");
            assertFalse(Arrays.equals(reference.state().params().toFloatVector(),
                    learner.state().params().toFloatVector()), "and its gradient moves the weights");
        }
    }
}
