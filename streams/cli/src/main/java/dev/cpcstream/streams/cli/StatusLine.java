package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.app.AppStatus;

import java.time.Duration;
import java.time.Instant;

/** The human progress line a running learner prints every few seconds; rates are over the last interval. */
final class StatusLine {

    private final Instant start;
    private AppStatus previous;
    private Instant previousAt;

    StatusLine(Instant start) {
        this.start = start;
        this.previousAt = start;
    }

    String next(AppStatus status, Instant now) {
        double seconds = Math.max(1e-3, Duration.between(previousAt, now).toMillis() / 1000.0);
        long newFrames = status.framesIn() - (previous == null ? 0 : previous.framesIn());
        previous = status;
        previousAt = now;
        return String.format("%5ds  frames %d (%.0f/s)  windows %d  embeddings %d  train steps %d  loss %s (chance %s)"
                        + "  accuracy %s  lag %d frames  dlq %d",
                Duration.between(start, now).toSeconds(), status.framesIn(), newFrames / seconds, status.windows(),
                status.embeddingsOut(), status.trainSteps(), decimal(status.lastLoss()), decimal(status.chanceLoss()),
                decimal(status.lastAccuracy()), status.lagFrames(), status.dlq());
    }

    private static String decimal(double value) {
        return Double.isFinite(value) ? String.format("%.3f", value) : "-";
    }
}
