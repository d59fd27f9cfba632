package dev.cpcstream.model;

/**
 * One window of a source's signal, the unit the learner trains on and embeds.
 *
 * @param sourceId the device, microphone or sensor it came from; the GRU state is carried per source
 * @param samples  {@code [inChannels * window]} floats, channel-major: channel 0's samples first, then channel 1's
 */
public record Window(String sourceId, float[] samples) {
}
