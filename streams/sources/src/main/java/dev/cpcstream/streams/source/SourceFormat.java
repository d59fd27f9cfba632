package dev.cpcstream.streams.source;

import dev.cpcstream.model.CpcConfig;

/**
 * The input a model is built for, which every source must deliver.
 *
 * @param sampleRate samples per second per channel, in Hz
 * @param channels   interleaved channels per time step (the model's inChannels)
 * @param window     time steps per window the model trains on; sets the time scale of the synthetic signal
 */
public record SourceFormat(int sampleRate, int channels, int window) {

    public SourceFormat {
        if (sampleRate <= 0 || channels <= 0 || window <= 0) {
            throw new IllegalArgumentException("sample rate, channels and window must be positive, got "
                    + sampleRate + " Hz, " + channels + " channels, " + window + " samples");
        }
    }

    public static SourceFormat of(CpcConfig config) {
        return new SourceFormat(config.sampleRate(), config.inChannels(), config.window());
    }
}
