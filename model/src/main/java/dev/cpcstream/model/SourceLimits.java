package dev.cpcstream.model;

import java.time.Duration;

/**
 * How long, and how many, sources' per-source state (carried GRU states, novelty references) is kept, so that a
 * fleet whose sources come and go does not grow it without bound. Idleness is measured on the windows' own
 * timestamps ({@link SourceRecency}), so a replay of the same input forgets the same sources at the same windows.
 *
 * @param idle       a source whose newest window is older than this, on the clock of the windows seen since, is
 *                   forgotten (zero: never for idleness)
 * @param maxSources at most this many sources are kept; beyond it the least recently seen is forgotten first
 *                   (zero: no limit). It bounds the trainer's checkpoint, which holds a state per source kept
 */
public record SourceLimits(Duration idle, int maxSources) {

    /** The longest source id {@link #carriedStateBytes} allows for, in UTF-8 bytes. */
    public static final int SOURCE_ID_BYTES = 64;

    public SourceLimits {
        if (idle.isNegative()) {
            throw new IllegalArgumentException("the idle time after which a source is forgotten must not be negative,"
                    + " got " + idle);
        }
        if (maxSources < 0) {
            throw new IllegalArgumentException("the number of sources kept must not be negative, got " + maxSources);
        }
    }

    /** The defaults the README's configuration section documents. */
    public static SourceLimits defaults() {
        return new SourceLimits(Duration.ofHours(1), 50_000);
    }

    /**
     * What the carried states of {@code maxSources} sources add to an encoded checkpoint at most, for source ids of up
     * to {@link #SOURCE_ID_BYTES}: per source its id twice (the state's and the mark's map key), {@code hidden} floats
     * and a mark, each with Avro's length prefix; -1 without a limit, which bounds nothing.
     */
    public long carriedStateBytes(int hidden) {
        if (!capped()) {
            return -1;
        }
        int idWithLength = 2 + SOURCE_ID_BYTES;
        int stateWithLength = 5 + hidden * Float.BYTES;
        int markAsVarLong = 10;
        return (long) maxSources * (2 * idWithLength + stateWithLength + markAsVarLong);
    }

    boolean forgetsIdle() {
        return !idle.isZero();
    }

    boolean capped() {
        return maxSources > 0;
    }
}
