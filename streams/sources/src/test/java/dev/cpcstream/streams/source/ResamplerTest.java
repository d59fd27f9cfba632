package dev.cpcstream.streams.source;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {

    @Test
    void aToneKeepsItsShapeAcrossRates() {
        float[] in = WavFiles.sine(1000, 44100, 44100);

        float[] out = new Resampler(44100, 16000, 1).resample(in);

        float[] expected = WavFiles.sine(1000, 16000, 16000);
        assertEquals(expected.length, out.length);
        // Away from the ends, where the kernel runs off the signal.
        for (int t = 100; t < out.length - 100; t++) {
            assertEquals(expected[t], out[t], 0.01, "sample " + t);
        }
    }

    @Test
    void whatLiesAboveTheNewNyquistIsFilteredOutNotFoldedIn() {
        // 10 kHz is above 16 kHz's Nyquist; naive decimation would fold it to 6 kHz at full strength.
        float[] in = WavFiles.sine(10000, 44100, 44100);

        float[] out = new Resampler(44100, 16000, 1).resample(in);

        assertTrue(rms(out, 100, out.length - 100) < 0.01, "rms " + rms(out, 100, out.length - 100));
    }

    @Test
    void upsamplingInterleavedChannelsKeepsThemApart() {
        float[] left = WavFiles.sine(200, 8000, 800);
        float[] interleaved = new float[1600];
        for (int t = 0; t < 800; t++) {
            interleaved[2 * t] = left[t];
            interleaved[2 * t + 1] = 0.25f;
        }

        float[] out = new Resampler(8000, 16000, 2).resample(interleaved);

        float[] expectedLeft = WavFiles.sine(200, 16000, 1600);
        for (int t = 100; t < 1500; t++) {
            assertEquals(expectedLeft[t], out[2 * t], 0.01, "left " + t);
            assertEquals(0.25f, out[2 * t + 1], 0.01, "right " + t);
        }
    }

    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
