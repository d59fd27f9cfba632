package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.SampleEncoding;

/**
 * A whole file's signal, decoded into memory.
 *
 * @param sourceId   the file's path relative to the directory it was found under
 * @param sampleRate samples per second per channel, in Hz
 * @param channels   interleaved channels per time step
 * @param samples    {@code [steps * channels]} interleaved, in [-1, 1] for audio
 * @param encoding   the file's own sample format, used on the wire
 */
public record Recording(String sourceId, int sampleRate, int channels, float[] samples, SampleEncoding encoding) {

    public Recording {
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(sourceId + ": " + samples.length + " samples do not divide into "
                    + channels + " channels");
        }
    }

    /** Time steps: samples per channel. */
    public int steps() {
        return samples.length / channels;
    }

    public Recording withSamples(int newSampleRate, int newChannels, float[] newSamples) {
        return new Recording(sourceId, newSampleRate, newChannels, newSamples, encoding);
    }
}
