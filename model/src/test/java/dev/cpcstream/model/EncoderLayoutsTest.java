package dev.cpcstream.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encoder layouts the configuration accepts beyond the presets' (a layer more, a strided one after unstrided ones),
 * on each front end, at a width where later layers' weights sit deep in the parameter vector: the learner trains on
 * them and embeds with them, as a user who sets {@code kernels}, {@code strides} and {@code paddings} expects.
 */
class EncoderLayoutsTest {

    @ParameterizedTest(name = "{0}: kernels={1} strides={2} paddings={3}")
    @CsvSource(delimiter = ';', value = {"mel;3,3,3;1,1,1;1,1,1;4800", "mel;3,3,4;1,1,2;1,1,1;4800",
            "mel;5,3;1,1;2,1;4800", "small;10,8,4,4,4,3;5,4,2,2,2,1;3,2,1,1,1,1;10240", "sensor;4,4,3;2,2,1;1,1,1;256"})
    void trainsAndEmbeds(String preset, String kernels, String strides, String paddings, String window) {
        CpcConfig config = Presets.get(preset, Map.of("kernels", kernels, "strides", strides, "paddings", paddings,
                "channels", "64", "hidden", "32", "stepsAhead", "4", "window", window, "hop", window));
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
