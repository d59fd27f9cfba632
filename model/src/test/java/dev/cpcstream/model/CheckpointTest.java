package dev.cpcstream.model;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A restored learner continues bit for bit like one that was never interrupted. */
class CheckpointTest {

    @ParameterizedTest(name = "prototypes={0}")
    @ValueSource(ints = {0, 4})
    void restoreThroughTheAvroContractContinuesExactly(int prototypes) {
        // a k-means pass every step, so the restored learner must carry counts and concentrations, not only centroids
        CpcConfig config = Presets.get("tiny", Map.of("prototypes", Integer.toString(prototypes), "protoEvery", "1"));
        List<List<Window>> batches = batches(config, 5);
        try (OnlineLearner original = new OnlineLearner(config)) {
            for (int i = 0; i < 3; i++) {
                original.train(batches.get(i));
            }
            byte[] bytes = Codecs.MODEL_CHECKPOINT.encode(original.checkpoint(Map.of("cpc.frames-0", 42L)));
            ModelCheckpoint decoded = Codecs.MODEL_CHECKPOINT.decode(bytes);
            assertEquals(42L, decoded.getInputOffsets().get("cpc.frames-0"));
            if (prototypes > 0) {
                assertNotNull(decoded.getPrototypes(), "the queue filled after two steps: prototypes were seeded");
            }
            try (OnlineLearner restored = OnlineLearner.restore(decoded)) {
                assertEquals(original.step(), restored.step());
                assertEquals(original.modelVersion(), restored.modelVersion());
                assertEquals(3L * batches.get(0).size(), restored.windowsTrained(), "windows of three steps");
                for (int i = 3; i < 5; i++) {
                    TrainResult a = original.train(batches.get(i));
                    TrainResult b = restored.train(batches.get(i));
                    assertEquals(a.loss(), b.loss(), 0.0, "loss of step " + i);
                    assertEquals(a.protoLoss(), b.protoLoss(), 0.0, "ProtoNCE of step " + i);
                    assertArrayEquals(a.prototypes(), b.prototypes(), "prototype assignments of step " + i);
                    assertArrayEquals(a.contexts()[0], b.contexts()[0], "contexts of step " + i);
                }
                assertSameState(original.state(), restored.state());
                assertEquals(5, restored.step());
                assertEquals(original.windowsTrained(), restored.windowsTrained());
            }
        }
    }

    @Test
    void aCheckpointFromBeforePrototypesRestoresWithoutThem() {
        CpcConfig config = Presets.get("tiny");
        List<List<Window>> batches = batches(config, 2);
        try (OnlineLearner original = new OnlineLearner(config)) {
            original.train(batches.get(0));
            ModelCheckpoint checkpoint = original.checkpoint(Map.of());
            Map<String, String> firstReleaseConfig = new HashMap<>(checkpoint.getConfig());
            firstReleaseConfig.keySet().removeAll(List.of("prototypes", "protoWeight", "protoEvery", "protoDecay"));
            checkpoint.setConfig(firstReleaseConfig);
            assertNull(checkpoint.getPrototypes());

            try (OnlineLearner restored = OnlineLearner.restore(checkpoint)) {
                assertEquals(0, restored.config().prototypes());
                assertEquals(original.train(batches.get(1)).loss(), restored.train(batches.get(1)).loss(), 0.0);
            }
        }
    }

    private static List<List<Window>> batches(CpcConfig config, int count) {
        SyntheticWindows data = new SyntheticWindows(config, 4, 3);
        List<List<Window>> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batches.add(data.nextBatch());
        }
        return batches;
    }

    private static void assertSameState(LearnerState a, LearnerState b) {
        assertArrayEquals(a.params().toFloatVector(), b.params().toFloatVector());
        assertArrayEquals(a.optimizerState().ravel().toFloatVector(), b.optimizerState().ravel().toFloatVector());
        assertArrayEquals(a.queueKeys().ravel().toFloatVector(), b.queueKeys().ravel().toFloatVector());
        assertEquals(a.queuePointer(), b.queuePointer());
        assertEquals(a.prototypes() == null, b.prototypes() == null);
        if (a.prototypes() != null) {
            assertArrayEquals(a.prototypes().centroids().ravel().toFloatVector(),
                    b.prototypes().centroids().ravel().toFloatVector());
            assertArrayEquals(a.prototypes().counts().toFloatVector(), b.prototypes().counts().toFloatVector());
            assertArrayEquals(a.prototypes().concentrations().toFloatVector(),
                    b.prototypes().concentrations().toFloatVector());
        }
    }
}
