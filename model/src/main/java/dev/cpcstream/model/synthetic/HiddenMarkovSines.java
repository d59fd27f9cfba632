package dev.cpcstream.model.synthetic;

import dev.cpcstream.model.Gaussian;

import java.util.SplittableRandom;

/**
 * A signal with structure a predictive model can learn and a shortcut it cannot: a mixture of sinusoids whose
 * frequencies follow a hidden Markov chain, plus white noise. The near future is predictable from the past (the
 * chain dwells in a state for a while), the far future less so, and every source has its own set of states.
 *
 * <p>Multi-channel sources (sensors) see the same hidden state through a different gain and phase per channel.
 */
public final class HiddenMarkovSines {

    private final SplittableRandom rng;
    private final int channels;
    private final double sampleRate;
    private final double[][] stateFrequencies;   // [states][partials], Hz
    private final double switchProbability;      // per sample
    private final double noise;
    private final double[] phases;
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
        this.sampleRate = sampleRate;
        this.noise = noise;
        this.switchProbability = 1.0 / (meanDwellSecs * sampleRate);
        int partials = 2;
        this.stateFrequencies = new double[states][partials];
        double nyquist = sampleRate / 2;
        for (double[] f : stateFrequencies) {
            for (int p = 0; p < partials; p++) {
                // log-uniform between 2% and 40% of Nyquist, so low-rate sensors and audio both get usable tones
                f[p] = nyquist * 0.02 * Math.pow(20, rng.nextDouble());
            }
        }
        this.phases = new double[partials * channels];
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
                state = rng.nextInt(stateFrequencies.length);
            }
            double[] freqs = stateFrequencies[state];
            for (int ch = 0; ch < channels; ch++) {
                double v = 0;
                for (int p = 0; p < freqs.length; p++) {
                    int k = ch * freqs.length + p;
                    phases[k] += 2 * Math.PI * freqs[p] * (1 + 0.05 * ch) / sampleRate;
                    v += 0.3 / (1 + ch * 0.3) * Math.sin(phases[k] + ch);
                }
                out[i * channels + ch] = (float) (v + noise * Gaussian.next(rng));
            }
        }
        return out;
    }
}
