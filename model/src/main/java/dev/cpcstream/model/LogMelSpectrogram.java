package dev.cpcstream.model;

import org.jtransforms.fft.DoubleFFT_1D;

import java.util.Arrays;

/**
 * Log mel-band energies of short overlapping frames, the usual speech front end (HTK, Kaldi): frames of
 * {@link #FRAME_SECONDS} every {@link #HOP_SECONDS}, a periodic Hann window, the power spectrum of a zero-padded
 * power-of-two FFT, mel bands from {@code MIN_HZ} to Nyquist, and the natural log with a floor so silence stays
 * finite. No pre-emphasis and no dither, so the features of a file never depend on anything but its samples. The {@code logmel} front end and the spectral baselines share
 * it, so a model reading log-mel frames and the log-mel baseline see the very same numbers.
 */
public final class LogMelSpectrogram {

    /** The bands of the usual speech front end, and of the log-mel baseline. */
    public static final int BANDS = 40;
    public static final double FRAME_SECONDS = 0.025;
    public static final double HOP_SECONDS = 0.010;
    private static final double MIN_HZ = 20;
    /** Below any real recording's band energy (16-bit quantisation noise is ~1e-9 per bin), above log(0). */
    private static final double ENERGY_FLOOR = 1e-10;

    private final int frameLength;
    private final int hop;
    private final int fftSize;
    private final double[] window;
    private final DoubleFFT_1D fft;
    private final MelFilterbank filterbank;

    public LogMelSpectrogram(int sampleRate) {
        this(sampleRate, BANDS);
    }

    public LogMelSpectrogram(int sampleRate, int bands) {
        frameLength = frameLength(sampleRate);
        hop = hop(sampleRate);
        fftSize = Integer.highestOneBit(frameLength - 1) << 1;
        window = new double[frameLength];
        for (int n = 0; n < frameLength; n++) {
            window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / frameLength);
        }
        fft = new DoubleFFT_1D(fftSize);
        filterbank = new MelFilterbank(bands, fftSize, sampleRate, MIN_HZ, sampleRate / 2.0);
    }

    /** Samples per frame at this rate. */
    public static int frameLength(int sampleRate) {
        return (int) Math.round(FRAME_SECONDS * sampleRate);
    }

    /** Samples from one frame's start to the next one's at this rate. */
    public static int hop(int sampleRate) {
        return (int) Math.round(HOP_SECONDS * sampleRate);
    }

    /** Frames of a signal of {@code samples} samples: every frame that fits whole, and at least one. */
    public static int frames(int samples, int sampleRate) {
        return frames(samples, frameLength(sampleRate), hop(sampleRate));
    }

    private static int frames(int samples, int frameLength, int hop) {
        return samples <= frameLength ? 1 : 1 + (samples - frameLength) / hop;
    }

    /**
     * @param mono {@code [samples]}; a signal shorter than one frame is zero-padded to one
     * @return {@code [frames][bands]}
     */
    public double[][] of(float[] mono) {
        return of(mono, 0, mono.length);
    }

    /** {@link #of(float[])} of {@code signal[from, from + length)}, without copying it out. */
    public double[][] of(float[] signal, int from, int length) {
        int frames = frames(length, frameLength, hop);
        double[][] logMel = new double[frames][];
        double[] buffer = new double[fftSize];
        for (int t = 0; t < frames; t++) {
            Arrays.fill(buffer, 0);
            for (int n = 0; n < frameLength && t * hop + n < length; n++) {
                buffer[n] = signal[from + t * hop + n] * window[n];
            }
            double[] energies = filterbank.apply(powerSpectrum(buffer));
            for (int b = 0; b < energies.length; b++) {
                energies[b] = Math.log(Math.max(energies[b], ENERGY_FLOOR));
            }
            logMel[t] = energies;
        }
        return logMel;
    }

    public MelFilterbank filterbank() {
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
