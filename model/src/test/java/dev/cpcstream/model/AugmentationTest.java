package dev.cpcstream.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training views: what each recording channel does to log mel-band energies, and where views may be drawn. */
class AugmentationTest {

    private static final int BANDS = 40;
    private static final int FRAMES = 64;

    @Test
    void withoutAugmentationBothEncodersReadTheWindowAsItCame() {
        INDArray features = Nd4j.rand(2, BANDS, FRAMES);

        assertSame(features, Augmentation.NONE.view(features, BANDS, new SplittableRandom(1)));
    }

    @Test
    void eachWindowAndEachViewHearsItsOwnChannelAndTheInputIsLeftAlone() {
        INDArray features = Nd4j.rand(2, 2 * BANDS, FRAMES).subi(10);        // 2 windows of 2 input channels
        INDArray before = features.dup();
        SplittableRandom rng = new SplittableRandom(7);

        INDArray first = Augmentation.CHANNEL.view(features, BANDS, rng);
        INDArray second = Augmentation.CHANNEL.view(features, BANDS, rng);

        assertEquals(before, features, "the input is what embedding and the other view read");
        assertArrayEquals(features.shape(), first.shape());
        assertFalse(first.equalsWithEps(second, 1e-3), "two views drew the same channel");
        float[] offsets = first.sub(features).data().asFloat();
        // each (window, input channel) block has its own channel: compare the blocks' first band offsets
        float[] blockStarts = new float[4];
        for (int block = 0; block < 4; block++) {
            blockStarts[block] = offsets[block * BANDS * FRAMES];
        }
        assertEquals(4, Arrays.stream(new int[]{0, 1, 2, 3}).mapToDouble(i -> blockStarts[i]).distinct().count(),
                "blocks shared a channel: " + Arrays.toString(blockStarts));
    }

    @Test
    void theSameSeedDrawsTheSameViews() {
        INDArray features = Nd4j.rand(3, BANDS, FRAMES);

        assertEquals(Augmentation.CHANNEL.view(features, BANDS, new SplittableRandom(3)),
                Augmentation.CHANNEL.view(features, BANDS, new SplittableRandom(3)));
    }

    @Test
    void aChannelWithoutNoiseAddsItsGainToEveryFrameOfItsBand() {
        double[] gains = new double[BANDS];
        Arrays.setAll(gains, b -> 0.1 * b - 2);
        float[] values = constantBlock(-5f);

        new RecordingChannel(gains, new double[BANDS]).apply(values, 0, FRAMES);

        for (int b = 0; b < BANDS; b++) {
            for (int t = 0; t < FRAMES; t++) {
                assertEquals(-5 + gains[b], values[b * FRAMES + t], 1e-5, "band " + b + " frame " + t);
            }
        }
    }

    @Test
    void noiseJoinsBeforeTheChannelSoItsShareOfThePowerHoldsWhateverTheGains() {
        double[] gains = new double[BANDS];
        Arrays.setAll(gains, b -> b % 2 == 0 ? 1.5 : -3);
        double[] share = new double[BANDS];
        Arrays.fill(share, 0.25);
        float[] values = constantBlock(-5f);

        new RecordingChannel(gains, share).apply(values, 0, FRAMES);

        // log(e^(x + g) + 0.25 e^x e^g) = x + g + log(1.25) for a window of constant energy e^x
        for (int b = 0; b < BANDS; b++) {
            assertEquals(-5 + gains[b] + Math.log(1.25), values[b * FRAMES], 1e-5, "band " + b);
        }
    }

    @Test
    void drawnChannelsStayWithinTheirRangesAndSometimesLimitTheBandOrAddNoise() {
        SplittableRandom rng = new SplittableRandom(11);
        int noisy = 0;
        int bandLimited = 0;
        double maxUnlimitedGain = RecordingChannel.LEVEL + RecordingChannel.COLOUR_COSINES * RecordingChannel.COLOUR;
        for (int i = 0; i < 1000; i++) {
            RecordingChannel channel = RecordingChannel.draw(BANDS, rng);
            boolean limited = false;
            for (double gain : channel.gains()) {
                assertTrue(gain <= maxUnlimitedGain && gain >= RecordingChannel.BAND_LIMIT_DEPTH - maxUnlimitedGain,
                        "gain " + gain);
                limited |= gain < -maxUnlimitedGain;
            }
            bandLimited += limited ? 1 : 0;
            double meanShare = Arrays.stream(channel.noiseShare()).average().orElseThrow();
            if (meanShare > 0) {
                noisy++;
                // 0 to 20 dB signal-to-noise
                assertTrue(meanShare >= 0.01 - 1e-9 && meanShare <= 1 + 1e-9, "noise share " + meanShare);
            }
        }
        assertTrue(noisy > 400 && noisy < 600, noisy + " of 1000 channels had noise");
        assertTrue(bandLimited > 150 && bandLimited < 350, bandLimited + " of 1000 channels were band-limited");
    }

    @Test
    void theChannelAugmentationNeedsTheLogMelFrontEndAndOlderConfigsHaveNone() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Presets.get("small", Map.of("augmentation", "channel")));
        assertTrue(e.getMessage().contains("frontEnd=logmel"), e.getMessage());

        CpcConfig mel = Presets.get("mel", Map.of("augmentation", "channel"));
        assertEquals(Augmentation.CHANNEL, CpcConfig.fromMap(mel.toMap()).augmentation());
        Map<String, String> older = new java.util.HashMap<>(Presets.get("mel").toMap());
        older.remove("augmentation");
        assertEquals(Augmentation.NONE, CpcConfig.fromMap(older).augmentation());
    }

    private static float[] constantBlock(float value) {
        float[] values = new float[BANDS * FRAMES];
        Arrays.fill(values, value);
        return values;
    }
}
