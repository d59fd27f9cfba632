package dev.cpcstream.model;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A restored learner continues bit for bit like one that was never interrupted. */
class CheckpointTest {

    @Test
    void restoreThroughTheAvroContractContinuesExactly() {
        CpcConfig config = Presets.get("tiny");
        SyntheticWindows data = new SyntheticWindows(config, 4, 3);
        List<List<Window>> batches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batches.add(data.nextBatch());
        }
        try (OnlineLearner original = new OnlineLearner(config)) {
            for (int i = 0; i < 3; i++) {
                original.train(batches.get(i));
            }
            byte[] bytes = Codecs.MODEL_CHECKPOINT.encode(original.checkpoint(Map.of("cpc.frames-0", 42L)));
            ModelCheckpoint decoded = Codecs.MODEL_CHECKPOINT.decode(bytes);
            assertEquals(42L, decoded.getInputOffsets().get("cpc.frames-0"));
            try (OnlineLearner restored = OnlineLearner.restore(decoded)) {
                assertEquals(original.step(), restored.step());
                assertEquals(original.modelVersion(), restored.modelVersion());
                for (int i = 3; i < 5; i++) {
                    TrainResult a = original.train(batches.get(i));
                    TrainResult b = restored.train(batches.get(i));
                    assertEquals(a.loss(), b.loss(), 0.0, "loss of step " + i);
                    assertArrayEquals(a.contexts()[0], b.contexts()[0], "contexts of step " + i);
                }
                assertArrayEquals(original.state().params().toFloatVector(), restored.state().params().toFloatVector());
                assertArrayEquals(original.state().optimizerState().ravel().toFloatVector(),
                        restored.state().optimizerState().ravel().toFloatVector());
                assertArrayEquals(original.state().queueKeys().ravel().toFloatVector(),
                        restored.state().queueKeys().ravel().toFloatVector());
                assertEquals(original.state().queuePointer(), restored.state().queuePointer());
                assertEquals(5, restored.step());
            }
        }
    }
}
