package dev.cpcstream.streams.source;

import java.time.Duration;
import java.time.Instant;

/**
 * Where in time and in seq a {@link FrameSource} starts: frame {@code firstSeq} of every source is captured at
 * {@code start}, and each later frame {@code frameDuration} after the one before.
 *
 * @param frameDuration signal per frame; rounded to whole samples, at least one
 * @param start         capture time of each source's first frame
 * @param firstSeq      seq of each source's first frame: set it to continue sources where an earlier run stopped,
 *                      since the learner takes a frame whose seq it has already passed for a replay, not new data
 */
public record FrameClock(Duration frameDuration, Instant start, long firstSeq) {

    public FrameClock {
        if (frameDuration.isNegative() || frameDuration.isZero() || firstSeq < 0) {
            throw new IllegalArgumentException("need a positive frame duration and a non-negative first seq, got "
                    + frameDuration + " and " + firstSeq);
        }
    }
}
