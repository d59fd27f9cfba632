package dev.cpcstream.streams.source;

import dev.cpcstream.model.synthetic.HiddenMarkovSines;
import dev.cpcstream.schemas.SampleEncoding;

/**
 * A never-ending stand-in for a microphone or sensor board with structure a CPC model can learn: the model's own
 * {@link HiddenMarkovSines} (sinusoid mixtures whose frequencies follow a hidden Markov chain, plus noise), the same
 * signal the model's learning tests train on, so "loss below chance" means the same thing here and there.
 */
public final class SyntheticSignal implements SampleStream {

    private static final int STATES = 4;
    private static final double NOISE = 0.05;
    /**
     * A state lasts at least half a second, and half a window for presets with long windows (sensor: 2.5 s), so the
     * frames K steps ahead of an anchor usually still share its state.
     */
    private static final double MIN_DWELL_SECONDS = 0.5;

    private final String sourceId;
    private final HiddenMarkovSines signal;

    /**
     * @param sourceIndex which of the sources this is; with {@code seed} it fixes everything the source does
     * @param seed        the run's seed: the same seed gives the same signals
     */
    public SyntheticSignal(String sourceId, int sourceIndex, SourceFormat format, long seed) {
        this.sourceId = sourceId;
        double dwellSeconds = Math.max(MIN_DWELL_SECONDS, format.window() / 2.0 / format.sampleRate());
        this.signal = new HiddenMarkovSines(seed + sourceIndex, format.channels(), format.sampleRate(), STATES,
                dwellSeconds, NOISE);
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public SampleEncoding encoding() {
        return SampleEncoding.FLOAT32_LE;
    }

    @Override
    public float[] read(int steps) {
        return signal.next(steps);
    }
}
