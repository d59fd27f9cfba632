package dev.cpcstream.model.synthetic;

import java.util.SplittableRandom;

/**
 * A signal with structure a predictive model can learn and a shortcut it cannot: a mixture of sinusoids whose
 * frequencies follow a hidden Markov chain, plus white noise. The near future is predictable from the past (the
 * chain dwells in a state for a while), the far future less so, and every source has its own set of states.
 *
 * <p>Multi-channel sources (sensors) see the same hidden state through a different gain and phase per channel.
 */
public final class HiddenMarkovSines {

    private static final int PARTIALS = 2;

    private final SplittableRandom rng;
    private final int channels;
    private final double switchProbability;      // per sample
    private final double noise;
    /**
     * Each (channel, partial) is an oscillator turned by its state's angle per sample, {@code [states][channels *
     * partials]}: a rotation costs four products where {@code Math.sin} costs a range reduction and a polynomial,
     * and a synthetic source should take little of the cores it shares with the pipeline it feeds.
     */
    private final double[][] stepCos;
    private final double[][] stepSin;
    /** Each oscillator's cosine and sine of its phase: the phase never grows, so precision does not decay. */
    private final double[] oscCos;
    private final double[] oscSin;
    private int state;

    /**
     * @param seed          fixes the source's states and its noise
     * @param channels      output channels (1 for audio)
     * @param sampleRate    Hz
     * @param states        hidden states
     * @param meanDwellSecs mean time the chain stays in a state
     * @param noise         standard deviation of the added white noise (the sinusoids have amplitude ~0.3)
     */
    public HiddenMarkovSines(long seed, int channels, double sampleRate, int states, double meanDwellSecs, double noise) {
        this.rng = new SplittableRandom(seed);
        this.channels = channels;
        this.noise = noise;
        this.switchProbability = 1.0 / (meanDwellSecs * sampleRate);
        this.stepCos = new double[states][PARTIALS * channels];
        this.stepSin = new double[states][PARTIALS * channels];
        double nyquist = sampleRate / 2;
        for (int s = 0; s < states; s++) {
            for (int p = 0; p < PARTIALS; p++) {
                // log-uniform between 2% and 40% of Nyquist, so low-rate sensors and audio both get usable tones
                double hz = nyquist * 0.02 * Math.pow(20, rng.nextDouble());
                for (int ch = 0; ch < channels; ch++) {
                    double angle = 2 * Math.PI * hz * (1 + 0.05 * ch) / sampleRate;
                    stepCos[s][ch * PARTIALS + p] = Math.cos(angle);
                    stepSin[s][ch * PARTIALS + p] = Math.sin(angle);
                }
            }
        }
        this.oscCos = new double[PARTIALS * channels];
        this.oscSin = new double[PARTIALS * channels];
        for (int ch = 0; ch < channels; ch++) {
            for (int p = 0; p < PARTIALS; p++) {
                // each channel starts its partials at a phase of its own
                oscCos[ch * PARTIALS + p] = Math.cos(ch);
                oscSin[ch * PARTIALS + p] = Math.sin(ch);
            }
        }
    }

    /** The hidden state the chain is in at the last sample {@link #next} returned: what a probe should recover. */
    public int state() {
        return state;
    }

    /** The next {@code frames} time steps, channel-interleaved: {@code [frames * channels]}. */
    public float[] next(int frames) {
        float[] out = new float[frames * channels];
        for (int i = 0; i < frames; i++) {
            if (rng.nextDouble() < switchProbability) {
                state = rng.nextInt(stepCos.length);
            }
            double[] turnCos = stepCos[state];
            double[] turnSin = stepSin[state];
            for (int ch = 0; ch < channels; ch++) {
                double v = 0;
                for (int p = 0; p < PARTIALS; p++) {
                    int k = ch * PARTIALS + p;
                    double c = oscCos[k] * turnCos[k] - oscSin[k] * turnSin[k];
                    double s = oscSin[k] * turnCos[k] + oscCos[k] * turnSin[k];
                    oscCos[k] = c;
                    oscSin[k] = s;
                    v += 0.3 / (1 + ch * 0.3) * s;
                }
                out[i * channels + ch] = (float) (v + noise * rng.nextGaussian());
            }
        }
        keepOscillatorsOnTheUnitCircle();
        return out;
    }

    /** Rounding moves a rotated point off the unit circle by about an ulp a turn; this puts it back each call. */
    private void keepOscillatorsOnTheUnitCircle() {
        for (int k = 0; k < oscCos.length; k++) {
            double norm = Math.hypot(oscCos[k], oscSin[k]);
            oscCos[k] /= norm;
            oscSin[k] /= norm;
        }
    }
}
