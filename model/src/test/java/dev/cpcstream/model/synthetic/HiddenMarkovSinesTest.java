package dev.cpcstream.model.synthetic;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HiddenMarkovSinesTest {

    /**
     * The signal as its definition reads: each partial's sine at its accumulated phase, with the same draws from the
     * same seed (frequencies, then per sample the switch and each channel's noise).
     */
    private static float[] reference(long seed, int channels, double sampleRate, int states, double dwell,
                                     double noise, int frames) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] hz = new double[states][2];
        for (double[] f : hz) {
            for (int p = 0; p < 2; p++) {
                f[p] = sampleRate / 2 * 0.02 * Math.pow(20, rng.nextDouble());
            }
        }
        double[] phases = new double[2 * channels];
        int state = 0;
        float[] out = new float[frames * channels];
        for (int i = 0; i < frames; i++) {
            if (rng.nextDouble() < 1.0 / (dwell * sampleRate)) {
                state = rng.nextInt(states);
            }
            for (int ch = 0; ch < channels; ch++) {
                double v = 0;
                for (int p = 0; p < 2; p++) {
                    phases[ch * 2 + p] += 2 * Math.PI * hz[state][p] * (1 + 0.05 * ch) / sampleRate;
                    v += 0.3 / (1 + ch * 0.3) * Math.sin(phases[ch * 2 + p] + ch);
                }
                out[i * channels + ch] = (float) (v + noise * rng.nextGaussian());
            }
        }
        return out;
    }

    @Test
    void theOscillatorsFollowTheSinesOfTheDefinitionForAMinuteOfAudio() {
        int frames = 60 * 16000;
        HiddenMarkovSines fast = new HiddenMarkovSines(5, 1, 16000, 4, 0.5, 0.05);
        float[] expected = reference(5, 1, 16000, 4, 0.5, 0.05, frames);
        float[] actual = new float[frames];
        for (int from = 0; from < frames; from += 160) {
            System.arraycopy(fast.next(160), 0, actual, from, 160);
        }
        for (int i = 0; i < frames; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "sample " + i);
        }
    }

    @Test
    void everyChannelOfASensorFollowsItsOwnPhaseAndGain() {
        HiddenMarkovSines fast = new HiddenMarkovSines(9, 6, 50, 3, 2.0, 0.0);
        float[] expected = reference(9, 6, 50, 3, 2.0, 0.0, 20_000);
        float[] actual = fast.next(20_000);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "sample " + i / 6 + ", channel " + i % 6);
        }
    }

    @Test
    void theNoiseHasTheStatedStandardDeviation() {
        float[] noisy = new HiddenMarkovSines(4, 1, 16000, 4, 0.5, 0.05).next(200_000);
        float[] clean = new HiddenMarkovSines(4, 1, 16000, 4, 0.5, 0.0).next(200_000);
        double sumSquares = 0;
        for (int i = 0; i < noisy.length; i++) {
            sumSquares += (noisy[i] - clean[i]) * (double) (noisy[i] - clean[i]);
        }
        assertEquals(0.05, Math.sqrt(sumSquares / noisy.length), 0.001);
    }

    @Test
    void anHourOfAudioStaysWithinTheSinesAmplitude() {
        HiddenMarkovSines noiseless = new HiddenMarkovSines(1, 1, 16000, 4, 0.5, 0.0);
        float peak = 0;
        for (int call = 0; call < 3600 * 100; call++) {
            for (float sample : noiseless.next(160)) {
                peak = Math.max(peak, Math.abs(sample));
            }
        }
        assertTrue(peak > 0.5 && peak <= 0.6 + 1e-6, "two partials of amplitude 0.3 peak at " + peak);
    }
}
