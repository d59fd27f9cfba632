package dev.cpcstream.streams.source;

import java.util.function.LongSupplier;

/**
 * How fast a {@link FrameProducer} sends.
 *
 * @param realtime       send no frame before its capture timestamp, i.e. at the sample rate
 * @param framesConsumed how many frames the consumer has taken in so far, or null when unknown
 * @param maxFramesAhead with {@code framesConsumed}: pause while more than this many sent frames are not yet consumed,
 *                       so a learner slower than the source works on fresh data instead of an ever-growing backlog
 */
public record Pacing(boolean realtime, LongSupplier framesConsumed, long maxFramesAhead) {

    /** As fast as the broker takes them, or at the sample rate when {@code realtime}. */
    public static Pacing of(boolean realtime) {
        return new Pacing(realtime, null, Long.MAX_VALUE);
    }

    public Pacing withBackpressure(LongSupplier consumed, long maxAhead) {
        return new Pacing(realtime, consumed, maxAhead);
    }
}
