package dev.cpcstream.streams.eval;

import org.jtransforms.fft.DoubleFFT_1D;

import java.util.Arrays;

/**
 * Log mel-band energies of short overlapping frames, the usual speech front end (HTK, Kaldi): 25 ms frames every
 * 10 ms, a periodic Hann window, the power spectrum of a zero-padded power-of-two FFT, 40 mel bands from 20 Hz to
 * Nyquist, and the natural log with a floor so silence stays finite. No pre-emphasis and no dither, so the features
 * of a file never depend on anything but its samples.
 */
final class LogMelSpectrogram {

    static final int BANDS = 40;
    private static final double FRAME_SECONDS = 0.025;
    private static final double HOP_SECONDS = 0.010;
    private static final double MIN_HZ = 20;
    /** Below any real recording's band energy (16-bit quantisation noise is ~1e-9 per bin), above log(0). */
    private static final double ENERGY_FLOOR = 1e-10;

    private final int frameLength;
    private final int hop;
    private final int fftSize;
    private final double[] window;
    private final DoubleFFT_1D fft;
    private final MelFilterbank filterbank;

    LogMelSpectrogram(int sampleRate) {
        frameLength = (int) Math.round(FRAME_SECONDS * sampleRate);
        hop = (int) Math.round(HOP_SECONDS * sampleRate);
        fftSize = Integer.highestOneBit(frameLength - 1) << 1;
        window = new double[frameLength];
        for (int n = 0; n < frameLength; n++) {
            window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / frameLength);
        }
        fft = new DoubleFFT_1D(fftSize);
        filterbank = new MelFilterbank(BANDS, fftSize, sampleRate, MIN_HZ, sampleRate / 2.0);
    }

    /**
     * @param mono {@code [samples]}; a signal shorter than one frame is zero-padded to one
     * @return {@code [frames][BANDS]}
     */
    double[][] of(float[] mono) {
        int frames = mono.length <= frameLength ? 1 : 1 + (mono.length - frameLength) / hop;
        double[][] logMel = new double[frames][];
        double[] buffer = new double[fftSize];
        for (int t = 0; t < frames; t++) {
            Arrays.fill(buffer, 0);
            for (int n = 0; n < frameLength && t * hop + n < mono.length; n++) {
                buffer[n] = mono[t * hop + n] * window[n];
            }
            double[] energies = filterbank.apply(powerSpectrum(buffer));
            for (int b = 0; b < energies.length; b++) {
                energies[b] = Math.log(Math.max(energies[b], ENERGY_FLOOR));
            }
            logMel[t] = energies;
        }
        return logMel;
    }

    MelFilterbank filterbank() {
        return filterbank;
    }

    /** {@code [fftSize]} windowed samples -> {@code [fftSize / 2 + 1]} |X_k|^2, overwriting the input. */
    private double[] powerSpectrum(double[] buffer) {
        // realForward packs the spectrum in place: a[0] = Re X_0, a[1] = Re X_{n/2}, a[2k], a[2k+1] = Re, Im X_k
        fft.realForward(buffer);
        double[] power = new double[fftSize / 2 + 1];
        power[0] = buffer[0] * buffer[0];
        power[fftSize / 2] = buffer[1] * buffer[1];
        for (int k = 1; k < fftSize / 2; k++) {
            power[k] = buffer[2 * k] * buffer[2 * k] + buffer[2 * k + 1] * buffer[2 * k + 1];
        }
        return power;
    }
}
