package dev.cpcstream.streams.topology;

import java.time.Duration;

/**
 * When the learner's state is next saved: every {@code everySteps} optimizer steps, and every {@code interval} of
 * wall-clock time in which the learner saw new windows (a frozen model that embeds still advances its offsets and
 * carried GRU states). The clock is the caller's, so tests can drive it; the first tick starts it. Not
 * thread-safe: {@link LearnerOwner} calls it under its lock.
 */
final class CheckpointSchedule {

    private final long everySteps;
    private final long intervalMs;
    private long lastStep;
    private long lastTimeMs = -1;

    /** @param startStep the learner's step at start, so a restored learner is not due at once */
    CheckpointSchedule(long everySteps, Duration interval, long startStep) {
        this.everySteps = everySteps;
        this.intervalMs = interval.toMillis();
        this.lastStep = startStep;
    }

    boolean due(long step, long nowMs, boolean newInput) {
        if (lastTimeMs < 0) {
            lastTimeMs = nowMs;
        }
        boolean stepsDue = everySteps > 0 && step - lastStep >= everySteps;
        boolean timeDue = intervalMs > 0 && newInput && nowMs - lastTimeMs >= intervalMs;
        return stepsDue || timeDue;
    }

    void taken(long step, long nowMs) {
        lastStep = step;
        lastTimeMs = nowMs;
    }
}
