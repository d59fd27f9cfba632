package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.app.AppStatus;

import java.time.Duration;

/** The one JSON line a learner run ends with, for scripts and for comparing runs. */
final class RunSummary {

    private RunSummary() {
    }

    static String json(AppStatus status, Duration wall) {
        return new JsonLine()
                .add("framesIn", status.framesIn())
                .add("windows", status.windows())
                .add("embeddingsOut", status.embeddingsOut())
                .add("dlq", status.dlq())
                .add("trainSteps", status.trainSteps())
                .add("firstLoss", status.firstLoss())
                .add("lastLoss", status.lastLoss())
                .add("chanceLoss", status.chanceLoss())
                .add("firstAccuracy", status.firstAccuracy())
                .add("lastAccuracy", status.lastAccuracy())
                .add("modelVersion", status.modelVersion())
                .add("wallSeconds", wall.toMillis() / 1000.0)
                .toString();
    }
}
