package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.ArrayBytes;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A restored learner continues bit for bit like one that was never interrupted. */
class CheckpointTest {

    @ParameterizedTest(name = "prototypes={0} learningRateWarmup={1} predictorHidden={2}")
    @CsvSource({"0, 0, 0", "4, 0, 0", "'3,5', 0, 0", "0, 8, 0", "0, 0, 12"})
    void restoreThroughTheAvroContractContinuesExactly(String prototypes, String learningRateWarmup,
                                                        String predictorHidden) {
        // a k-means pass every step, so the restored learner must carry counts and concentrations, not only centroids;
        // restored within a warm-up, it must go on with the rate where the warm-up was, not start it again
        CpcConfig config = Presets.get("tiny", Map.of("prototypes", prototypes, "protoEvery", "1",
                "learningRateWarmup", learningRateWarmup, "predictorHidden", predictorHidden));
        List<List<Window>> batches = batches(config, 5);
        try (OnlineLearner original = new OnlineLearner(config)) {
            for (int i = 0; i < 3; i++) {
                original.train(batches.get(i));
            }
            byte[] bytes = Codecs.MODEL_CHECKPOINT.encode(original.checkpoint(Map.of("cpc.frames-0", 42L)));
            ModelCheckpoint decoded = Codecs.MODEL_CHECKPOINT.decode(bytes);
            assertEquals(42L, decoded.getInputOffsets().get("cpc.frames-0"));
            if (config.prototypeCount() > 0) {
                assertNotNull(decoded.getPrototypes(), "the queue filled after two steps: prototypes were seeded");
            }
            assertEquals(batches.get(0).size(), decoded.getCarriedStates().size(), "a GRU state carried per source");
            try (OnlineLearner restored = OnlineLearner.restore(decoded)) {
                assertSameState(original.state(), restored.state());
                assertEquals(original.step(), restored.step());
                assertEquals(original.modelVersion(), restored.modelVersion());
                assertEquals(3L * batches.get(0).size(), restored.windowsTrained(), "windows of three steps");
                for (int i = 3; i < 5; i++) {
                    TrainResult a = original.train(batches.get(i));
                    TrainResult b = restored.train(batches.get(i));
                    assertEquals(a.losses().infoNce(), b.losses().infoNce(), 0.0, "loss of step " + i);
                    assertEquals(a.losses().protoNce(), b.losses().protoNce(), 0.0, "ProtoNCE of step " + i);
                    assertArrayEquals(a.embeddings().prototypes(), b.embeddings().prototypes(), "prototype assignments of step " + i);
                    assertArrayEquals(a.embeddings().contexts()[0], b.embeddings().contexts()[0], "contexts of step " + i);
                }
                assertSameState(original.state(), restored.state());
                assertEquals(5, restored.step());
                assertEquals(original.windowsTrained(), restored.windowsTrained());
            }
        }
    }

    @Test
    void aCheckpointFromBeforePrototypesRestoresWithoutThem() {
        OnlineLearner restored = olderCheckpointContinuesExactly((config, checkpoint) -> {
            withoutSettings(checkpoint, "prototypes", "protoWeight", "protoEvery", "protoDecay", "protoWarmup",
                    "protoRamp");
            assertNull(checkpoint.getPrototypes());
        });
        assertEquals(0, restored.config().prototypeCount());
    }

    @Test
    void aCheckpointFromBeforeTheLearningRateWarmupRestoresWithoutOne() {
        OnlineLearner restored = olderCheckpointContinuesExactly(
                (config, checkpoint) -> withoutSettings(checkpoint, "learningRateWarmup"));
        assertEquals(0, restored.config().learningRateWarmup());
    }

    @Test
    void aCheckpointFromBeforeThePredictorsHiddenLayerRestoresWithLinearHeads() {
        OnlineLearner restored = olderCheckpointContinuesExactly(
                (config, checkpoint) -> withoutSettings(checkpoint, "predictorHidden"));
        assertEquals(0, restored.config().predictorHidden());
    }

    /** The checkpoint's config as a release from before {@code settings} wrote it. */
    private static void withoutSettings(ModelCheckpoint checkpoint, String... settings) {
        Map<String, String> older = new HashMap<>(checkpoint.getConfig());
        older.keySet().removeAll(List.of(settings));
        checkpoint.setConfig(older);
    }

    @Test
    void aCheckpointWithConvWeightsInPyTorchOrderIsConvertedOnRestore() {
        olderCheckpointContinuesExactly((config, checkpoint) -> {
            ParameterLayout layout = new CpcNetwork(config).layout();
            checkpoint.setParameters(inPyTorchOrder(layout, checkpoint.getParameters()));
            checkpoint.setKeyEncoder(inPyTorchOrder(layout, checkpoint.getKeyEncoder()));
            checkpoint.setOptimizerState(inPyTorchOrder(layout, checkpoint.getOptimizerState()));
            checkpoint.setConvWeightOrder(null);                     // as written before the order was recorded
        });
    }

    /**
     * Trains a step, rewrites its checkpoint as an older release wrote it, restores that: the restored learner's next
     * step and state equal the original's. Returns the restored learner, closed.
     */
    private static OnlineLearner olderCheckpointContinuesExactly(BiConsumer<CpcConfig, ModelCheckpoint> asOlderRelease) {
        CpcConfig config = Presets.get("tiny");
        List<List<Window>> batches = batches(config, 2);
        try (OnlineLearner original = new OnlineLearner(config)) {
            original.train(batches.get(0));
            ModelCheckpoint checkpoint = original.checkpoint(Map.of());
            asOlderRelease.accept(config, checkpoint);
            try (OnlineLearner restored = OnlineLearner.restore(checkpoint)) {
                assertSameState(original.state(), restored.state());
                assertEquals(original.train(batches.get(1)).losses().infoNce(), restored.train(batches.get(1)).losses().infoNce(), 0.0);
                assertSameState(original.state(), restored.state());
                return restored;
            }
        }
    }

    /**
     * Every conv weight {@code [k, Cin, Cout]} of each layout-long vector in {@code bytes} (one, a prefix of one, or
     * Adam's two moments) rewritten as PyTorch's {@code [Cout, Cin, k]}.
     */
    private static java.nio.ByteBuffer inPyTorchOrder(ParameterLayout layout, java.nio.ByteBuffer bytes) {
        float[] current = ArrayBytes.floats(bytes);
        float[] legacy = current.clone();
        long vector = Math.min(current.length, layout.length());
        for (long start = 0; start < current.length; start += vector) {
            for (ParameterLayout.Block block : layout.blocks()) {
                if (!block.name().matches("g_enc\\.\\d+\\.weight")) {
                    continue;
                }
                long[] shape = block.shape();
                int k = (int) shape[0];
                int in = (int) shape[1];
                int out = (int) shape[2];
                int offset = (int) (start + block.offset());
                for (int t = 0; t < k; t++) {
                    for (int ci = 0; ci < in; ci++) {
                        for (int co = 0; co < out; co++) {
                            legacy[offset + (co * in + ci) * k + t] = current[offset + (t * in + ci) * out + co];
                        }
                    }
                }
            }
        }
        return ArrayBytes.of(legacy);
    }

    private static List<List<Window>> batches(CpcConfig config, int count) {
        SyntheticWindows data = new SyntheticWindows(config, 4, 3);
        List<List<Window>> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batches.add(data.nextBatch());
        }
        return batches;
    }

    /** Every field of the state, so a restore that drops one shows here, not only in later losses. */
    private static void assertSameState(LearnerState a, LearnerState b) {
        assertArrayEquals(a.params().toFloatVector(), b.params().toFloatVector(), "query network");
        assertArrayEquals(a.keyEncoder().toFloatVector(), b.keyEncoder().toFloatVector(), "momentum key encoder");
        assertArrayEquals(a.optimizerState().ravel().toFloatVector(), b.optimizerState().ravel().toFloatVector(),
                "Adam moments");
        assertArrayEquals(a.queueKeys().ravel().toFloatVector(), b.queueKeys().ravel().toFloatVector(), "queue keys");
        assertArrayEquals(a.queueKeySteps(), b.queueKeySteps(), "steps the queue's keys were written at");
        assertEquals(a.queuePointer(), b.queuePointer(), "queue pointer");
        assertEquals(a.carriedStates().keySet(), b.carriedStates().keySet(), "sources with a carried GRU state");
        a.carriedStates().forEach((source, saved) -> {
            assertArrayEquals(saved.hidden(), b.carriedStates().get(source).hidden(), "carried GRU state of " + source);
            assertEquals(saved.lastSeenMs(), b.carriedStates().get(source).lastSeenMs(), "last seen of " + source);
        });
        assertEquals(a.step(), b.step(), "step");
        assertEquals(a.modelVersion(), b.modelVersion(), "model version");
        assertEquals(a.skippedSteps(), b.skippedSteps(), "skipped steps");
        assertEquals(a.windowsTrained(), b.windowsTrained(), "windows trained");
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
