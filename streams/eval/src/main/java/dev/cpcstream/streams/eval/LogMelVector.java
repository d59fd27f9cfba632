package dev.cpcstream.streams.eval;

import dev.cpcstream.model.LogMelSpectrogram;

/**
 * The spectral baseline's view of a window: the mean and standard deviation of each channel's log-mel energies over
 * the window's frames ({@link FrameStatistics#meanAndStd}, as the file-level baselines), channels concatenated.
 * Audio uses the speech front end; a sensor's rate is too low for the speech front end's frames, so its channels go
 * through the same front end at a nominal rate that makes a frame span {@value #SENSOR_FRAME_SAMPLES} samples, with fewer bands than
 * the speech front end since such a frame has few frequency bins.
 */
final class LogMelVector {

    private static final int SENSOR_FRAME_SAMPLES = 32;
    private static final int SENSOR_BANDS = 12;
    /** Below this rate a speech front-end frame holds too few samples for a spectrum. */
    private static final int MIN_AUDIO_RATE = 8_000;

    private final LogMelSpectrogram spectrogram;
    private final int channels;

    LogMelVector(int sampleRate, int channels) {
        this.channels = channels;
        this.spectrogram = sampleRate >= MIN_AUDIO_RATE ? new LogMelSpectrogram(sampleRate)
                : new LogMelSpectrogram((int) Math.round(SENSOR_FRAME_SAMPLES / LogMelSpectrogram.FRAME_SECONDS),
                SENSOR_BANDS);
    }

    /** @param samples {@code [channels * length]}, channel-major */
    float[] of(float[] samples) {
        int length = samples.length / channels;
        float[] out = null;
        for (int c = 0; c < channels; c++) {
            float[] statistics = FrameStatistics.meanAndStd(spectrogram.of(samples, c * length, length));
            if (out == null) {
                out = new float[channels * statistics.length];
            }
            System.arraycopy(statistics, 0, out, c * statistics.length, statistics.length);
        }
        return out;
    }
}
