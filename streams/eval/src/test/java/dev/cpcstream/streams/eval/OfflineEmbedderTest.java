package dev.cpcstream.streams.eval;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.Presets;
import dev.cpcstream.model.Window;
import dev.cpcstream.schemas.SampleEncoding;
import dev.cpcstream.streams.source.Recording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfflineEmbedderTest {

    private static final CpcConfig TINY = Presets.get("tiny");

    private final OnlineLearner learner = new OnlineLearner(TINY);

    @AfterEach
    void close() {
        learner.close();
    }

    @Test
    void aFilePoolsTheFramesOfItsWholeWindowsAndAShortFileIsStillEmbedded() {
        Recording threeWindowsAndABit = noise("long.wav", 3 * TINY.window() + 100, 1);
        Recording halfWindow = noise("short.wav", TINY.window() / 2, 2);

        // a context narrower than the encoding, so the vector's length tells which of the two was pooled
        CpcConfig narrowContext = Presets.get("tiny", Map.of("hidden", "8"));
        List<OfflineEmbedder.FileEmbedding> embeddings;
        try (OnlineLearner narrow = new OnlineLearner(narrowContext)) {
            embeddings = new OfflineEmbedder(narrow, 16).embed(List.of(threeWindowsAndABit, halfWindow));
        }

        assertEquals(List.of("long.wav", "short.wav"), embeddings.stream().map(OfflineEmbedder.FileEmbedding::file)
                .toList());
        assertEquals(3, embeddings.get(0).windows());
        assertEquals(1, embeddings.get(1).windows());
        for (OfflineEmbedder.FileEmbedding e : embeddings) {
            assertEquals(2 * narrowContext.channels(), e.vector().length);   // mean and std of z_t
            for (float x : e.vector()) {
                assertTrue(Float.isFinite(x), e.file() + " " + x);
            }
        }
    }

    @Test
    void aModelWithPrototypesNamesEachFilesPrototypeAndOneWithoutNamesNone() {
        // tiny: 4 windows of 40 frames fill the 256-key queue on the second step, which seeds the prototypes
        CpcConfig withPrototypes = Presets.get("tiny", Map.of("prototypes", "3,5"));
        List<Recording> files = List.of(noise("a.wav", 2 * TINY.window(), 5), noise("b.wav", TINY.window() / 2, 6));
        try (OnlineLearner pcl = new OnlineLearner(withPrototypes)) {
            Random random = new Random(7);
            for (int step = 0; step < 2; step++) {
                pcl.train(IntStream.range(0, 4).mapToObj(s -> new Window("s" + s, noise(random, TINY.window())))
                        .toList());
            }
            for (OfflineEmbedder.FileEmbedding e : new OfflineEmbedder(pcl, 2).embed(files)) {
                assertTrue(e.prototype() != null && e.prototype() >= 0 && e.prototype() < 3,
                        e.file() + ": a prototype of the first granularity, " + e.prototype());
            }
        }
        assertNull(new OfflineEmbedder(learner, 2).embed(files).get(0).prototype());
    }

    @Test
    void filesSideBySideDoNotShareState() {
        Recording a = noise("a.wav", 4 * TINY.window(), 3);
        Recording b = noise("b.wav", 2 * TINY.window(), 4);

        float[] alone;
        try (OnlineLearner other = new OnlineLearner(TINY)) {
            alone = new OfflineEmbedder(other, 1).embed(List.of(a)).get(0).vector();
        }
        float[] sideBySide = new OfflineEmbedder(learner, 2).embed(List.of(a, b)).get(0).vector();

        assertArrayEquals(alone, sideBySide, 1e-5f);
    }

    private static Recording noise(String id, int steps, long seed) {
        return new Recording(id, TINY.sampleRate(), 1, noise(new Random(seed), steps), SampleEncoding.FLOAT32_LE);
    }

    private static float[] noise(Random random, int steps) {
        float[] samples = new float[steps];
        for (int t = 0; t < steps; t++) {
            samples[t] = (float) (0.1 * random.nextGaussian());
        }
        return samples;
    }
}
