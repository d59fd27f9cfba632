package dev.cpcstream.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * When each source was last seen, and which sources to forget under {@link SourceLimits}; the owner of the
 * per-source state drops a source when told to.
 *
 * <p>The clock is the newest window timestamp seen so far, as Kafka Streams' stream time is: deterministic, so a
 * replay or a restored learner forgets the same sources at the same windows, which a wall clock would not. A source
 * is marked with the clock rather than its own window's timestamp, so a device whose clock runs behind is not taken
 * for idle; one whose clock runs ahead moves the clock for everyone, and then each source loses its state at most
 * once, as after a restart.
 *
 * <p>Marks taken before the clock read any timestamp (windows without one, a checkpoint written before marks were
 * kept) are unknown, and take the first timestamp the clock reads.
 *
 * <p>Not thread-safe: it belongs to the owner of the state it bounds.
 */
public final class SourceRecency {

    /** The clock before any timestamp, and the mark of sources seen then. */
    private static final long UNKNOWN = 0;

    private final SourceLimits limits;
    private final Consumer<String> forget;
    private final Map<String, Long> lastSeen = new HashMap<>();
    /** Oldest mark first, ties by source id, so the order of forgetting is the same in every replay and restore. */
    private NavigableSet<Mark> byRecency = new TreeSet<>();
    private long clockMs = UNKNOWN;

    /** @param forget called with each source forgotten, when it is */
    public SourceRecency(SourceLimits limits, Consumer<String> forget) {
        this.limits = limits;
        this.forget = forget;
    }

    /** Moves the clock on to {@code timestampMs} if that is newer, and forgets the sources idle since. */
    public void advanceTo(long timestampMs) {
        if (timestampMs <= clockMs) {
            return;
        }
        if (clockMs == UNKNOWN) {
            markUnknownAt(timestampMs);
        }
        clockMs = timestampMs;
        if (limits.forgetsIdle()) {
            long oldestKept = clockMs - limits.idle().toMillis();
            while (!byRecency.isEmpty() && byRecency.first().atMs() < oldestKept) {
                forgetLeastRecent();
            }
        }
    }

    /** Marks the source seen now; beyond the limit of sources, forgets the least recently seen. */
    public void seen(String source) {
        mark(source, clockMs);
    }

    /** A mark read back from a checkpoint; the clock moves on to it. */
    void restore(String source, long lastSeenMs) {
        clockMs = Math.max(clockMs, lastSeenMs);
        mark(source, lastSeenMs);
    }

    /** Per source kept, the clock's time when it was last seen. */
    public Map<String, Long> lastSeen() {
        return Collections.unmodifiableMap(lastSeen);
    }

    public int size() {
        return lastSeen.size();
    }

    /** Forgets every source at once, without telling: the owner drops its state itself. */
    void clear() {
        lastSeen.clear();
        byRecency.clear();
    }

    private void mark(String source, long atMs) {
        Long previous = lastSeen.put(source, atMs);
        if (previous != null) {
            byRecency.remove(new Mark(previous, source));
        }
        byRecency.add(new Mark(atMs, source));
        while (limits.capped() && lastSeen.size() > limits.maxSources()) {
            forgetLeastRecent();
        }
    }

    private void markUnknownAt(long timestampMs) {
        NavigableSet<Mark> remarked = new TreeSet<>();
        for (Mark m : byRecency) {
            lastSeen.put(m.source(), timestampMs);
            remarked.add(new Mark(timestampMs, m.source()));
        }
        byRecency = remarked;
    }

    private void forgetLeastRecent() {
        Mark least = byRecency.pollFirst();
        lastSeen.remove(least.source());
        forget.accept(least.source());
    }

    private record Mark(long atMs, String source) implements Comparable<Mark> {
        @Override
        public int compareTo(Mark other) {
            int byTime = Long.compare(atMs, other.atMs);
            return byTime != 0 ? byTime : source.compareTo(other.source);
        }
    }
}
