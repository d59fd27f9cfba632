package dev.cpcstream.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which sources are forgotten, and when, on the clock of the window timestamps. */
class SourceRecencyTest {

    private static final long T0 = 1_765_000_000_000L;
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final List<String> forgotten = new ArrayList<>();

    private SourceRecency recency(Duration idle, int maxSources) {
        return new SourceRecency(new SourceLimits(idle, maxSources), forgotten::add);
    }

    @Test
    void aSourceIdleLongerThanTheLimitIsForgottenAndOneSeenWithinItIsKept() {
        SourceRecency r = recency(IDLE, 0);
        r.advanceTo(T0);
        r.seen("a");
        r.seen("b");
        r.advanceTo(T0 + IDLE.toMillis() / 2);
        r.seen("a");
        r.advanceTo(T0 + IDLE.toMillis());
        assertEquals(List.of(), forgotten, "b has been idle for exactly the limit, not longer");

        r.advanceTo(T0 + IDLE.toMillis() + 1);

        assertEquals(List.of("b"), forgotten);
        assertEquals(Map.of("a", T0 + IDLE.toMillis() / 2), r.lastSeen());
    }

    @Test
    void aWindowBehindTheClockMarksItsSourceAtTheClock() {
        SourceRecency r = recency(IDLE, 0);
        r.advanceTo(T0 + 3 * IDLE.toMillis());
        r.seen("on-time");
        r.advanceTo(T0);                                          // a device whose clock is half an hour behind
        r.seen("behind");

        r.advanceTo(T0 + 3 * IDLE.toMillis() + 1);

        assertEquals(List.of(), forgotten, "a late clock does not make its source idle");
        assertEquals(T0 + 3 * IDLE.toMillis(), r.lastSeen().get("behind"));
    }

    @Test
    void beyondTheLimitOfSourcesTheLeastRecentlySeenIsForgottenFirst() {
        SourceRecency r = recency(Duration.ZERO, 3);
        String[] seen = {"s0", "s1", "s2", "s1", "s3", "s4"};
        for (int i = 0; i < seen.length; i++) {
            r.advanceTo(T0 + i);
            r.seen(seen[i]);
        }

        assertEquals(List.of("s0", "s2"), forgotten, "s1 was seen again after s2");
        assertEquals(Map.of("s1", T0 + 3, "s3", T0 + 4, "s4", T0 + 5), r.lastSeen());
    }

    @Test
    void sourcesSeenBeforeAnyTimestampTakeTheFirstOneRead() {
        SourceRecency r = recency(IDLE, 0);
        r.seen("restored-without-marks");
        r.advanceTo(T0 + 5 * IDLE.toMillis());
        assertEquals(List.of(), forgotten, "an unknown mark is not taken for the epoch");
        assertEquals(T0 + 5 * IDLE.toMillis(), r.lastSeen().get("restored-without-marks"));

        r.advanceTo(T0 + 6 * IDLE.toMillis() + 1);

        assertEquals(List.of("restored-without-marks"), forgotten);
    }

    @Test
    void restoredMarksSetTheClockAndAreForgottenAsTheyWouldHaveBeen() {
        SourceRecency r = recency(IDLE, 2);
        r.restore("old", T0);
        r.restore("newest", T0 + IDLE.toMillis());
        r.restore("middle", T0 + 1);
        assertEquals(List.of("old"), forgotten, "the limit of sources holds for restored marks too");

        r.advanceTo(T0 + IDLE.toMillis() + 2);

        assertEquals(List.of("old", "middle"), forgotten);
        assertEquals(Map.of("newest", T0 + IDLE.toMillis()), r.lastSeen());
    }

    @Test
    void withoutLimitsNoSourceIsEverForgotten() {
        SourceRecency r = recency(Duration.ZERO, 0);
        for (int i = 0; i < 1_000; i++) {
            r.advanceTo(T0 + i * IDLE.toMillis());
            r.seen("source-" + i);
        }
        assertEquals(List.of(), forgotten);
        assertEquals(1_000, r.size());
    }
}
