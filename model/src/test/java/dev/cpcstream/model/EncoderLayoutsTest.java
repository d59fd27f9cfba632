package dev.cpcstream.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encoder layouts the configuration accepts beyond the presets' (a third layer, a strided one after unstrided ones),
 * at a width where later layers' weights sit deep in the parameter vector: the learner trains on them and embeds
 * with them, as a user who sets {@code kernels}, {@code strides} and {@code paddings} expects.
 */
class EncoderLayoutsTest {

    @ParameterizedTest(name = "kernels={0} strides={1} paddings={2}")
    @CsvSource(delimiter = ';', value = {"3,3,3;1,1,1;1,1,1", "3,3,4;1,1,2;1,1,1", "5,3;1,1;2,1"})
    void trainsAndEmbeds(String kernels, String strides, String paddings) {
        CpcConfig config = Presets.get("mel", Map.of("kernels", kernels, "strides", strides, "paddings", paddings,
                "channels", "64", "hidden", "32", "stepsAhead", "4", "window", "4800", "hop", "4800"));
        SyntheticWindows windows = new SyntheticWindows(config, 3, 17);
        try (OnlineLearner learner = new OnlineLearner(config)) {
            for (int step = 0; step < 3; step++) {
                TrainResult result = learner.train(windows.nextBatch());
                assertTrue(result.update().applied(), "step " + step + " applied");
                assertTrue(Double.isFinite(result.losses().infoNce()), "step " + step + " loss");
            }
            List<Window> batch = windows.nextBatch();
            float[][] embeddings = learner.embed(batch);
            assertEquals(batch.size(), embeddings.length);
            for (float[] e : embeddings) {
                assertEquals(config.hidden(), e.length);
                for (float v : e) {
                    assertTrue(Float.isFinite(v));
                }
            }
        }
    }
}
