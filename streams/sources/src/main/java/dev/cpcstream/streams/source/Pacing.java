package dev.cpcstream.streams.source;

import java.util.function.LongSupplier;

/**
 * How fast a {@link FrameProducer} sends.
 *
 * @param speed          signal time sent per wall-clock time: 1 sends at the sample rate, as a live device does;
 *                       50 replays a minute of signal in 1.2 s; 0 sends as fast as the broker takes the frames
 * @param framesConsumed how many frames the consumer has taken in so far, or null when unknown
 * @param maxFramesAhead with {@code framesConsumed}: pause while more than this many sent frames are not yet consumed,
 *                       so a learner slower than the source works on fresh data instead of an ever-growing backlog
 */
public record Pacing(double speed, LongSupplier framesConsumed, long maxFramesAhead) {

    public Pacing {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("the sending speed must be a finite number >= 0 (0: unpaced), got "
                    + speed);
        }
    }

    /** As fast as the broker takes them. */
    public static Pacing unpaced() {
        return atSpeed(0);
    }

    /** {@code speed} times the sample rate; 0 is unpaced. */
    public static Pacing atSpeed(double speed) {
        return new Pacing(speed, null, Long.MAX_VALUE);
    }

    public boolean paced() {
        return speed > 0;
    }

    public Pacing withBackpressure(LongSupplier consumed, long maxAhead) {
        return new Pacing(speed, consumed, maxAhead);
    }
}
