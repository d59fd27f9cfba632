package dev.cpcstream.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class FrontEndTest {

    private static final int RATE = 16000;

    private static CpcConfig logMel(int inChannels) {
        return Presets.get("small", Map.of("frontEnd", "logmel", "inChannels", Integer.toString(inChannels),
                "kernels", "3,3", "strides", "1,1", "paddings", "1,1"));
    }

    @Test
    void theWaveformFrontEndPassesTheSamplesThrough() {
        float[] samples = {1, 2, 3};
        assertSame(samples, Presets.get("small").frontEnd().features(Presets.get("small")).of(samples));
    }

    @Test
    void logMelFramesAreWhatTheEncoderCountsFramesAndSamplesPerFrameIn() {
        CpcConfig config = logMel(1);
        int melFrames = 1 + (config.window() - LogMelSpectrogram.frameLength(RATE)) / LogMelSpectrogram.hop(RATE);
        assertEquals(melFrames, config.frames(), "stride-1 convs with 'same' padding keep every mel frame");
        assertEquals(LogMelSpectrogram.hop(RATE), config.downsampling());
        assertEquals(LogMelSpectrogram.BANDS, config.featureChannels());
    }

    @Test
    void eachChannelsBandsAreThatChannelsLogMelSpectrogramChannelMajor() {
        CpcConfig config = logMel(2);
        int length = config.window();
        float[] samples = new float[2 * length];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (rng.nextDouble() - 0.5) * (i < length ? 1f : 0.01f);
        }
        float[] features = config.frontEnd().features(config).of(samples);

        LogMelSpectrogram reference = new LogMelSpectrogram(RATE);
        int bands = LogMelSpectrogram.BANDS;
        int frames = config.frontEnd().featureSteps(length, RATE);
        assertEquals(2 * bands * frames, features.length);
        for (int c = 0; c < 2; c++) {
            float[] channel = new float[length];
            System.arraycopy(samples, c * length, channel, 0, length);
            double[][] expected = reference.of(channel);                                    // [frames][bands]
            for (int b = 0; b < bands; b++) {
                for (int t = 0; t < frames; t++) {
                    assertEquals(expected[t][b], features[(c * bands + b) * frames + t], 1e-4,
                            "channel " + c + " band " + b + " frame " + t);
                }
            }
        }
    }

    @Test
    void aLogMelModelEmbedsEveryEncodedFrame() {
        CpcConfig config = logMel(1);
        try (OnlineLearner learner = new OnlineLearner(config)) {
            float[][][] contexts = learner.embedEveryFrame(List.of(new Window("a", new float[config.window()])));
            assertEquals(config.frames(), contexts[0].length);
            assertEquals(config.hidden(), contexts[0][0].length);
        }
    }
}
