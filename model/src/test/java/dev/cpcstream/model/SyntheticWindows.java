package dev.cpcstream.model;

import dev.cpcstream.model.synthetic.HiddenMarkovSines;

import java.util.ArrayList;
import java.util.List;

/** Consecutive windows from several seeded hidden-Markov sinusoid sources, round-robin over the sources. */
final class SyntheticWindows {

    private final CpcConfig config;
    private final List<HiddenMarkovSines> sources = new ArrayList<>();

    SyntheticWindows(CpcConfig config, int sourceCount, long seed) {
        this.config = config;
        for (int s = 0; s < sourceCount; s++) {
            sources.add(new HiddenMarkovSines(seed + s, config.inChannels(), config.sampleRate(), 4, 0.5, 0.05));
        }
    }

    /** Each source's hidden state at the end of its last window, in source order. */
    int[] states() {
        return sources.stream().mapToInt(HiddenMarkovSines::state).toArray();
    }

    /** One window per source, in source order; sources with more channels are de-interleaved to channel-major. */
    List<Window> nextBatch() {
        List<Window> batch = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            float[] interleaved = sources.get(s).next(config.window());
            int c = config.inChannels();
            float[] channelMajor = new float[interleaved.length];
            for (int i = 0; i < config.window(); i++) {
                for (int ch = 0; ch < c; ch++) {
                    channelMajor[ch * config.window() + i] = interleaved[i * c + ch];
                }
            }
            batch.add(new Window("source-" + s, channelMajor));
        }
        return batch;
    }
}
