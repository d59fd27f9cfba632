package dev.cpcstream.model;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per source, the GRU state its next window starts from, kept while the source is seen within the
 * {@link SourceLimits}: a source forgotten, and one never seen, start from a zero state alike.
 *
 * <p>Not thread-safe: it belongs to the learner's thread.
 */
final class CarriedStates {

    /**
     * One source's state as a checkpoint keeps it.
     *
     * @param hidden     {@code [H]}
     * @param lastSeenMs the learner's clock when the source was last seen ({@link SourceRecency})
     */
    record Saved(float[] hidden, long lastSeenMs) {
    }

    private final Map<String, float[]> states = new HashMap<>();
    private final SourceRecency recency;

    CarriedStates(SourceLimits limits) {
        this.recency = new SourceRecency(limits, states::remove);
    }

    /** The saved states, forgetting at once those the limits would not keep. */
    static CarriedStates restored(SourceLimits limits, Map<String, Saved> saved) {
        CarriedStates carried = new CarriedStates(limits);
        saved.forEach((source, s) -> {
            carried.states.put(source, s.hidden());
            carried.recency.restore(source, s.lastSeenMs());
        });
        return carried;
    }

    /** Moves the clock on to the batch's newest window, forgetting the sources idle since, before it is run. */
    void advanceTo(List<Window> batch) {
        recency.advanceTo(batch.stream().mapToLong(Window::timestampMs).max().orElse(Long.MIN_VALUE));
    }

    /** The source's state, {@code [H]}; null for a source never seen or forgotten. */
    float[] get(String source) {
        return states.get(source);
    }

    void put(String source, float[] hidden) {
        states.put(source, hidden);
        recency.seen(source);
    }

    int size() {
        return states.size();
    }

    Map<String, Saved> saved() {
        Map<String, Saved> saved = new LinkedHashMap<>();
        recency.lastSeen().forEach((source, atMs) -> saved.put(source, new Saved(states.get(source), atMs)));
        return saved;
    }

    void clear() {
        states.clear();
        recency.clear();
    }
}
