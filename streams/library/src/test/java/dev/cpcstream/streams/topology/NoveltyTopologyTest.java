package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.Presets;
import dev.cpcstream.model.Window;
import dev.cpcstream.model.novelty.NoveltySettings;
import dev.cpcstream.model.novelty.NoveltyTerm;
import dev.cpcstream.monitoring.MetricNames;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.ModelSnapshot;
import dev.cpcstream.schemas.Novelty;
import dev.cpcstream.schemas.SampleEncoding;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Novelty through the production topology on the tiny preset, a frozen model (no trainer, so the model version
 * changes only when the test sends a snapshot) and one window per frame: a source plays a tone, then switches to
 * a square wave it never produced.
 */
class NoveltyTopologyTest {

    private static final CpcConfig TINY = Presets.get("tiny");
    private static final int WARMUP = 8;
    private static final int TONE_WINDOWS = 40;
    private static final int SQUARE_WINDOWS = 6;
    private static final String MIC = "mic-1";
    /**
     * Between the own-frame losses of the tone and of the square wave under the untrained tiny model: its random
     * embeddings hardly tell the two apart by distance, but it predicts the square wave's frames worse.
     */
    private static final double LOSS_THRESHOLD = 3.97;

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private final SplittableRandom random = new SplittableRandom(3);

    private TopologyFixture start(NoveltySettings novelty) {
        StreamSettings settings = StreamSettings.defaults().withBatching(1, 1, false)
                .withCheckpoints(0, Duration.ZERO, Optional.empty(), 1).withNovelty(novelty);
        fixture = new TopologyFixture(TINY, settings, stateDir);
        return fixture;
    }

    private static NoveltySettings quickWarmup() {
        return NoveltySettings.defaults().withThreshold(0.95, OptionalDouble.empty()).withWindows(WARMUP, 16);
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void windowsUnlikeTheSourcesPastReachTheNoveltyTopic() {
        TopologyFixture f = start(quickWarmup().withTerm(NoveltyTerm.LOSS)
                .withThreshold(0.95, OptionalDouble.of(LOSS_THRESHOLD)));

        sendTone(f, 0, TONE_WINDOWS);
        sendSquare(f, TONE_WINDOWS, SQUARE_WINDOWS);

        List<TestRecord<String, Embedding>> embeddings = f.readEmbeddings();
        List<TestRecord<String, Embedding>> novel = f.readNovelty();
        assertEquals(TONE_WINDOWS + SQUARE_WINDOWS, embeddings.size());
        assertFalse(novel.isEmpty(), "the switch to the square wave was noticed");
        for (TestRecord<String, Embedding> record : novel) {
            assertEquals(MIC, record.key());
            assertTrue(record.value().getNovelty().getNovel());
            assertTrue(record.value().getStartSeq() >= TONE_WINDOWS, "only the square wave is novel, got window "
                    + record.value().getStartSeq() + " " + record.value().getNovelty());
        }
        assertEquals(novel.size(), embeddings.stream().filter(r -> r.value().getNovelty().getNovel()).count(),
                "every embedding marked novel, and only those, is on the novelty topic");
        assertEquals(novel.size(), f.counter(MetricNames.NOVELTY_WINDOWS));
    }

    @Test
    void everyEmbeddingCarriesItsScoreAndNoneIsNovelWhileWarmingUp() {
        TopologyFixture f = start(quickWarmup());

        sendSquare(f, 0, WARMUP);

        List<TestRecord<String, Embedding>> embeddings = f.readEmbeddings();
        assertEquals(WARMUP, embeddings.size());
        for (TestRecord<String, Embedding> record : embeddings) {
            Novelty novelty = record.value().getNovelty();
            assertNotNull(novelty, "novelty is on by default");
            assertTrue(novelty.getContrastiveLoss() > 0);
            assertNull(novelty.getThreshold(), "warming up");
            assertFalse(novelty.getNovel());
        }
        assertNull(embeddings.get(0).value().getNovelty().getSourceDistance(), "nothing to compare the first with");
        assertNotNull(embeddings.get(1).value().getNovelty().getSourceDistance());
        assertTrue(f.readNovelty().isEmpty());
    }

    @Test
    void aNewModelVersionDoesNotFloodTheNoveltyTopic() {
        TopologyFixture f = start(quickWarmup());
        sendTone(f, 0, TONE_WINDOWS);
        f.readNovelty();

        f.follow(trainedSnapshot());
        sendSquare(f, TONE_WINDOWS, WARMUP);

        List<TestRecord<String, Embedding>> afterChange = f.readEmbeddings().stream()
                .filter(r -> r.value().getStartSeq() >= TONE_WINDOWS).toList();
        assertEquals(1L, afterChange.get(0).value().getModelVersion());
        assertNull(afterChange.get(0).value().getNovelty().getSourceDistance(),
                "version 0's embeddings are no reference for version 1");
        assertTrue(f.readNovelty().isEmpty(), "warming up again under the new version");
    }

    @Test
    void noNoveltyWhenDisabled() {
        NoveltySettings off = new NoveltySettings(false, NoveltySettings.defaults().term(), 0.5, OptionalDouble.empty(),
                1, 1);
        TopologyFixture f = start(off);

        sendTone(f, 0, 4);
        sendSquare(f, 4, 4);

        f.readEmbeddings().forEach(r -> assertNull(r.value().getNovelty()));
        assertTrue(f.readNovelty().isEmpty());
    }

    /** One window each: a 440 Hz tone at a random phase, with a little noise. */
    private void sendTone(TopologyFixture f, int firstSeq, int windows) {
        for (int seq = firstSeq; seq < firstSeq + windows; seq++) {
            double phase = random.nextDouble() * 2 * Math.PI;
            short[] samples = new short[TINY.window()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / TINY.sampleRate() + phase)
                        + 200 * random.nextGaussian());
            }
            f.send(frame(seq, samples));
        }
    }

    /** One window each of a 250 Hz square wave. */
    private void sendSquare(TopologyFixture f, int firstSeq, int windows) {
        for (int seq = firstSeq; seq < firstSeq + windows; seq++) {
            short[] samples = new short[TINY.window()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (i % 64 < 32 ? 8000 : -8000);
            }
            f.send(frame(seq, samples));
        }
    }

    private static Frame frame(long seq, short[] samples) {
        ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            data.putShort(sample);
        }
        return TopologyFixture.frame(MIC, seq, TINY.sampleRate(), 1, SampleEncoding.PCM_S16LE, data.flip());
    }

    /** Version 1: the weights after one training step, as the trainer would publish them. */
    private ModelSnapshot trainedSnapshot() {
        try (OnlineLearner trainer = new OnlineLearner(TINY)) {
            float[] samples = new float[TINY.window()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (float) random.nextGaussian();
            }
            trainer.train(List.of(new Window("train", samples)));
            return trainer.snapshot();
        }
    }
}
