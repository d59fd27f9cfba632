package dev.cpcstream.model;

/**
 * One window of a source's signal, the unit the learner trains on and embeds.
 *
 * @param sourceId    the device, microphone or sensor it came from; the GRU state is carried per source
 * @param timestampMs when it was captured, epoch milliseconds: the clock a source's idleness is measured on
 *                    ({@link SourceRecency}); 0 where unknown
 * @param samples     {@code [inChannels * window]} floats, channel-major: channel 0's samples first, then channel 1's
 */
public record Window(String sourceId, long timestampMs, float[] samples) {

    /** A window without a capture time, as offline tools cut: it never makes a source idle. */
    public Window(String sourceId, float[] samples) {
        this(sourceId, 0, samples);
    }
}
