package dev.cpcstream.model;

/**
 * Triangular filters equally spaced on the mel scale (HTK's mel, {@code 2595 log10(1 + f / 700)}), as speech front
 * ends put them over a power spectrum. Band b rises from the centre of band b - 1 to its own centre, where its
 * weight is 1, and falls to the centre of band b + 1; the weights are taken at each FFT bin's exact frequency, so a
 * narrow low band is never empty. Filters are not area-normalised (HTK, Kaldi): a tone's energy lands in the band
 * whose centre it is nearest with weight close to 1.
 */
public final class MelFilterbank {

    /** {@code [bands][fftSize / 2 + 1]} */
    private final double[][] weights;
    /** Per band, the first bin of non-zero weight and the bin after its last: a band spans few of the bins. */
    private final int[] firstBin;
    private final int[] endBin;
    /** {@code [bands + 2]}: the lower edge, the band centres, the upper edge, in Hz. */
    private final double[] edgesHz;

    public MelFilterbank(int bands, int fftSize, int sampleRate, double minHz, double maxHz) {
        if (bands < 1 || minHz < 0 || maxHz <= minHz || maxHz > sampleRate / 2.0) {
            throw new IllegalArgumentException("need 1 or more bands between 0 <= minHz < maxHz <= Nyquist, got "
                    + bands + " bands over " + minHz + ".." + maxHz + " Hz at " + sampleRate + " Hz");
        }
        edgesHz = new double[bands + 2];
        double minMel = hzToMel(minHz);
        double maxMel = hzToMel(maxHz);
        for (int i = 0; i < edgesHz.length; i++) {
            edgesHz[i] = melToHz(minMel + (maxMel - minMel) * i / (bands + 1));
        }
        int bins = fftSize / 2 + 1;
        weights = new double[bands][bins];
        for (int b = 0; b < bands; b++) {
            double lower = edgesHz[b];
            double centre = edgesHz[b + 1];
            double upper = edgesHz[b + 2];
            for (int k = 0; k < bins; k++) {
                double hz = (double) k * sampleRate / fftSize;
                double rising = (hz - lower) / (centre - lower);
                double falling = (upper - hz) / (upper - centre);
                weights[b][k] = Math.max(0, Math.min(rising, falling));
            }
        }
        firstBin = new int[bands];
        endBin = new int[bands];
        for (int b = 0; b < bands; b++) {
            int first = 0;
            while (first < bins && weights[b][first] == 0) {
                first++;
            }
            int end = bins;
            while (end > first && weights[b][end - 1] == 0) {
                end--;
            }
            firstBin[b] = first;
            endBin[b] = end;
        }
    }

    /** @param power {@code [fftSize / 2 + 1]} one frame's power spectrum; returns {@code [bands]} band energies */
    public double[] apply(double[] power) {
        double[] energies = new double[weights.length];
        for (int b = 0; b < weights.length; b++) {
            double sum = 0;
            for (int k = firstBin[b]; k < endBin[b]; k++) {
                sum += weights[b][k] * power[k];
            }
            energies[b] = sum;
        }
        return energies;
    }

    /** Band b's weight at FFT bin k. */
    double weight(int band, int bin) {
        return weights[band][bin];
    }

    public int bands() {
        return weights.length;
    }

    /** Where band b's weight is 1, in Hz. */
    public double centreHz(int band) {
        return edgesHz[band + 1];
    }

    public static double hzToMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    public static double melToHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
