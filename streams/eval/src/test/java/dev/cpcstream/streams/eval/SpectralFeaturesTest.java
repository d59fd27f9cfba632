package dev.cpcstream.streams.eval;

import dev.cpcstream.model.LogMelSpectrogram;
import dev.cpcstream.model.MelFilterbank;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectralFeaturesTest {

    private static final int RATE = 16000;

    private static float[] tone(double hz, double seconds) {
        float[] samples = new float[(int) (seconds * RATE)];
        for (int t = 0; t < samples.length; t++) {
            samples[t] = (float) (0.5 * Math.sin(2 * Math.PI * hz * t / RATE));
        }
        return samples;
    }

    private static int loudestBand(double[][] logMel) {
        double[] mean = new double[logMel[0].length];
        for (double[] frame : logMel) {
            for (int b = 0; b < mean.length; b++) {
                mean[b] += frame[b];
            }
        }
        int loudest = 0;
        for (int b = 1; b < mean.length; b++) {
            loudest = mean[b] > mean[loudest] ? b : loudest;
        }
        return loudest;
    }

    private static int bandCentredNearest(MelFilterbank filterbank, double hz) {
        int nearest = 0;
        for (int b = 1; b < filterbank.bands(); b++) {
            if (Math.abs(filterbank.centreHz(b) - hz) < Math.abs(filterbank.centreHz(nearest) - hz)) {
                nearest = b;
            }
        }
        return nearest;
    }

    @Test
    void aPureTonePeaksInTheMelBandCentredNearestItsFrequency() {
        LogMelSpectrogram spectrogram = new LogMelSpectrogram(RATE);
        for (double hz : new double[]{300, 1000, 4000}) {
            int expected = bandCentredNearest(spectrogram.filterbank(), hz);
            assertEquals(expected, loudestBand(spectrogram.of(tone(hz, 0.5))), hz + " Hz");
        }
    }

    @Test
    void framesAre25MillisecondsEvery10() {
        double[][] logMel = new LogMelSpectrogram(RATE).of(tone(440, 1.0));
        // 1 + (16000 - 400) / 160
        assertEquals(98, logMel.length);
        assertEquals(LogMelSpectrogram.BANDS, logMel[0].length);
    }

    @Test
    void melScaleMatchesHtkAt1000Hz() {
        assertEquals(1000.0, MelFilterbank.hzToMel(1000), 0.05);
        assertEquals(1000.0, MelFilterbank.melToHz(MelFilterbank.hzToMel(1000)), 1e-9);
    }

    @Test
    void theCepstrumOfAFlatLogSpectrumIsItsScaledLevelInC0Only() {
        double[][] flat = {new double[LogMelSpectrogram.BANDS]};
        Arrays.fill(flat[0], 2.0);
        double[] c = Mfcc.of(flat)[0];
        assertEquals(2.0 * Math.sqrt(LogMelSpectrogram.BANDS), c[0], 1e-9);
        for (int n = 1; n < Mfcc.COEFFICIENTS; n++) {
            assertEquals(0, c[n], 1e-9, "c" + n);
        }
    }

    @Test
    void silenceStaysFiniteAndAShortFileStillGivesOneFrame() {
        double[][] logMel = new LogMelSpectrogram(RATE).of(new float[100]);
        assertEquals(1, logMel.length);
        for (double v : logMel[0]) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void statisticsAreTheMeanThenTheStdOfEachFeature() {
        float[] stats = FrameStatistics.meanAndStd(new double[][]{{1, 10}, {3, 10}});
        assertEquals(4, stats.length);
        assertEquals(2, stats[0], 1e-6);
        assertEquals(10, stats[1], 1e-6);
        assertEquals(1, stats[2], 1e-6);
        assertEquals(0, stats[3], 1e-6);
    }
}
