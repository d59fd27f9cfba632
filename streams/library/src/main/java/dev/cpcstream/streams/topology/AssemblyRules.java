package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;

/**
 * What every source's assembly follows: the model's window shape and the stream settings' sequencing.
 *
 * @param channels      input channels C of the model
 * @param window        samples per channel in one window
 * @param hop           samples per channel from one window's start to the next one's
 * @param reorderBuffer frames held back while waiting for a missing seq
 * @param gapPolicy     what a declared gap does to the current window
 * @param sampleRate    samples per second per channel, which turns a run of missing frames into time
 */
public record AssemblyRules(int channels, int window, int hop, int reorderBuffer, GapPolicy gapPolicy,
                            int sampleRate) {

    public static AssemblyRules of(CpcConfig config, StreamSettings settings) {
        return new AssemblyRules(config.inChannels(), config.window(), config.hop(), settings.reorderBuffer(),
                settings.gapPolicy(), config.sampleRate());
    }
}
