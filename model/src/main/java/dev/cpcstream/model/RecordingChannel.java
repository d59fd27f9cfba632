package dev.cpcstream.model;

import java.util.SplittableRandom;

/**
 * A random recording channel in the log mel-band domain, where a linear filter adds a curve over the bands and
 * noise adds power: a level and a smooth equaliser (a few cosines over the bands), sometimes a band limit such as
 * a telephone line's, and sometimes stationary noise of a random colour at a random signal-to-noise ratio. The
 * ranges cover the degradations speech meets on its way to a model: gain, microphone and room colour, narrow-band
 * lines, and white to brown noise from 0 to 20 dB.
 *
 * @param gains        log-energy added to each band, {@code [bands]}
 * @param noiseShare   noise power as a share of the window's mean band power, per band; all 0 without noise
 */
record RecordingChannel(double[] gains, double[] noiseShare) {

    /** Spread of the level, in natural-log energy (about 9 dB either way). */
    static final double LEVEL = 1.0;
    /** Spread of each equaliser cosine's amplitude, in natural-log energy (about 3 dB either way). */
    static final double COLOUR = 0.7;
    static final int COLOUR_COSINES = 3;
    static final double BAND_LIMIT_CHANCE = 0.25;
    /** What a band limit leaves of the bands outside it, in natural-log energy (about -30 dB). */
    static final double BAND_LIMIT_DEPTH = -7.0;
    static final double NOISE_CHANCE = 0.5;
    static final double MIN_SNR_DB = 0;
    static final double MAX_SNR_DB = 20;
    /** The noise's tilt over the bands, in natural-log energy from the lowest band to the highest. */
    static final double NOISE_TILT = 4.0;

    static RecordingChannel draw(int bands, SplittableRandom rng) {
        double[] gains = new double[bands];
        double level = uniform(rng, -LEVEL, LEVEL);
        double[] colour = new double[COLOUR_COSINES];
        for (int j = 0; j < COLOUR_COSINES; j++) {
            colour[j] = uniform(rng, -COLOUR, COLOUR);
        }
        boolean bandLimited = rng.nextDouble() < BAND_LIMIT_CHANCE;
        int lowest = bandLimited ? rng.nextInt(bands / 5 + 1) : 0;
        int highest = bandLimited ? bands - 1 - rng.nextInt(bands / 3 + 1) : bands - 1;
        for (int b = 0; b < bands; b++) {
            double gain = level;
            for (int j = 0; j < COLOUR_COSINES; j++) {
                gain += colour[j] * Math.cos(Math.PI * (j + 1) * (b + 0.5) / bands);
            }
            if (b < lowest || b > highest) {
                gain += BAND_LIMIT_DEPTH;
            }
            gains[b] = gain;
        }
        double[] noiseShare = new double[bands];
        if (rng.nextDouble() < NOISE_CHANCE) {
            double snr = Math.pow(10, -uniform(rng, MIN_SNR_DB, MAX_SNR_DB) / 10);
            double tilt = uniform(rng, -NOISE_TILT, NOISE_TILT);
            double[] colourOfNoise = new double[bands];
            double sum = 0;
            for (int b = 0; b < bands; b++) {
                colourOfNoise[b] = Math.exp(tilt * ((double) b / Math.max(1, bands - 1) - 0.5));
                sum += colourOfNoise[b];
            }
            for (int b = 0; b < bands; b++) {
                noiseShare[b] = snr * colourOfNoise[b] * bands / sum;
            }
        }
        return new RecordingChannel(gains, noiseShare);
    }

    /**
     * Applies the channel in place to one window's block of log mel-band energies, band-major
     * {@code values[offset + b * frames + t]}. The noise is acoustic: it joins the signal before the channel, so the
     * gains colour it too and the signal-to-noise ratio drawn holds whatever the gains.
     */
    void apply(float[] values, int offset, int frames) {
        int bands = gains.length;
        double meanPower = 0;
        for (int i = offset; i < offset + bands * frames; i++) {
            meanPower += Math.exp(values[i]);
        }
        meanPower /= (double) bands * frames;
        for (int b = 0; b < bands; b++) {
            double noise = noiseShare[b] * meanPower * Math.exp(gains[b]);
            int row = offset + b * frames;
            for (int t = row; t < row + frames; t++) {
                double filtered = values[t] + gains[b];
                values[t] = (float) (noise > 0 ? Math.log(Math.exp(filtered) + noise) : filtered);
            }
        }
    }

    private static double uniform(SplittableRandom rng, double low, double high) {
        return low + (high - low) * rng.nextDouble();
    }
}
