package dev.cpcstream.streams.source;

/**
 * Changes the sample rate of a whole signal by band-limited interpolation: each output sample is a Blackman-windowed
 * sinc of the inputs around its position, with the cut-off at the lower of the two Nyquist frequencies, so
 * downsampling (44.1 kHz to 16 kHz) does not alias what lies above the new Nyquist back into the band.
 *
 * <p>For rates L/M apart (in lowest terms) the output positions fall on only L distinct fractions between input
 * samples, so the kernel is tabulated once per fraction and each output costs one dot product.
 */
public final class Resampler {

    /** Sinc zero crossings on each side of the centre, at the cut-off: longer is sharper and slower. */
    private static final int ZERO_CROSSINGS = 16;

    private final int channels;
    /** Input samples per {@link #up} output samples, both divided by their gcd. */
    private final int down;
    private final int up;
    /** Taps on each side of an output position. */
    private final int halfTaps;
    /** {@code [up][2 * halfTaps]}: the weight of input {@code floor(t) - halfTaps + 1 + j} at fraction phase / up. */
    private final float[][] kernels;

    public Resampler(int fromRate, int toRate, int channels) {
        int gcd = gcd(fromRate, toRate);
        this.channels = channels;
        this.down = fromRate / gcd;
        this.up = toRate / gcd;
        double cutoff = Math.min(1.0, (double) toRate / fromRate);
        this.halfTaps = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        this.kernels = new float[up][2 * halfTaps];
        for (int phase = 0; phase < up; phase++) {
            double fraction = (double) phase / up;
            for (int j = 0; j < 2 * halfTaps; j++) {
                double distance = fraction - (j - halfTaps + 1);
                kernels[phase][j] = (float) (cutoff * sinc(cutoff * distance) * blackman(distance / halfTaps));
            }
        }
    }

    /** @param interleaved {@code [steps * channels]} at the source rate; returns the same layout at the target rate */
    public float[] resample(float[] interleaved) {
        long steps = interleaved.length / channels;
        int outSteps = (int) (steps * up / down);
        float[] out = new float[outSteps * channels];
        for (int n = 0; n < outSteps; n++) {
            // Output n sits at input position n * down / up: whole part `first`, fraction `phase / up`.
            long position = (long) n * down;
            long first = position / up - halfTaps + 1;
            float[] kernel = kernels[(int) (position % up)];
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (int j = 0; j < kernel.length; j++) {
                    long k = first + j;
                    if (k >= 0 && k < steps) {
                        sum += kernel[j] * interleaved[(int) (k * channels + c)];
                    }
                }
                out[n * channels + c] = (float) sum;
            }
        }
        return out;
    }

    private static double sinc(double x) {
        return x == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** The Blackman window on [-1, 1], zero outside. */
    private static double blackman(double x) {
        if (Math.abs(x) >= 1) {
            return 0;
        }
        double a = Math.PI * (x + 1);
        return 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
