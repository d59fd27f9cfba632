package dev.cpcstream.e2e;

import dev.cpcstream.schemas.DeadLetterReason;

import java.util.Arrays;
import java.util.Optional;

/**
 * A class of bad input, how many records of it {@link MalformedTraffic} mixes into good traffic, and what the
 * application must do with each of them. The counts add up to 10,000.
 */
enum Malformation {

    RANDOM_BYTES(1_000, DeadLetterReason.UNDECODABLE),
    /** A good frame's bytes cut short anywhere, the header included. */
    TRUNCATED_AVRO(1_000, DeadLetterReason.UNDECODABLE),
    WRONG_FINGERPRINT(800, DeadLetterReason.UNDECODABLE),
    /** An encoding symbol past those the Frame schema has: Avro cannot decode it, so it is undecodable. */
    UNKNOWN_ENCODING(800, DeadLetterReason.UNDECODABLE),
    EMPTY_DATA(600, DeadLetterReason.BAD_LENGTH),
    /** A data length that is not a whole number of samples times channels. */
    BYTE_COUNT_OFF(800, DeadLetterReason.BAD_LENGTH),
    WRONG_SAMPLE_RATE(800, DeadLetterReason.SAMPLE_RATE_MISMATCH),
    WRONG_CHANNELS(800, DeadLetterReason.CHANNELS_MISMATCH),
    NAN_SAMPLE(600, DeadLetterReason.NON_FINITE_SAMPLES),
    INFINITE_SAMPLE(600, DeadLetterReason.NON_FINITE_SAMPLES),
    /** A seq far ahead of the source's, with a timestamp that does not move with it. */
    SEQ_JUMP(600, DeadLetterReason.SEQ_JUMP),
    /** A good frame sent after more later frames than the reorder buffer holds: its place is zero-filled. */
    LATE_FRAME(80, DeadLetterReason.OUT_OF_ORDER),
    /** A good frame sent again, as a retrying producer does: dropped and counted, not dead-lettered. */
    DUPLICATE_SEQ(700, null),
    NULL_KEY(800, DeadLetterReason.KEY_MISMATCH),
    /** More bytes than a frame may have. */
    OVERSIZED(10, DeadLetterReason.TOO_LARGE),
    /** A sourceId longer than one may be, in a record under the size limit. */
    HUGE_SOURCE_ID(10, DeadLetterReason.TOO_LARGE);

    private final int count;
    private final DeadLetterReason reason;

    Malformation(int count, DeadLetterReason reason) {
        this.count = count;
        this.reason = reason;
    }

    /** Records of this class in one generated run. */
    int count() {
        return count;
    }

    /** The reason of its dead letter; empty when the application drops it without one. */
    Optional<DeadLetterReason> deadLetterReason() {
        return Optional.ofNullable(reason);
    }

    static int total() {
        return Arrays.stream(values()).mapToInt(Malformation::count).sum();
    }
}
