package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.app.AppStatus;
import dev.cpcstream.streams.eval.Json;

import java.time.Duration;

/**
 * The one JSON line a learner run ends with, for scripts and for comparing runs; fields as in {@link AppStatus},
 * null where a run had no training step, plus the wall-clock time of the whole command.
 */
record RunSummary(long framesIn, long windows, long embeddingsOut, long dlq, long trainSteps, Double firstLoss,
                  Double lastLoss, Double chanceLoss, Double firstAccuracy, Double lastAccuracy, long modelVersion,
                  double wallSeconds) {

    static RunSummary of(AppStatus s, Duration wall) {
        return new RunSummary(s.framesIn(), s.windows(), s.embeddingsOut(), s.dlq(), s.trainSteps(),
                Json.finiteOrNull(s.firstLoss()), Json.finiteOrNull(s.lastLoss()),
                Json.finiteOrNull(s.chanceLoss()), Json.finiteOrNull(s.firstAccuracy()),
                Json.finiteOrNull(s.lastAccuracy()), s.modelVersion(), wall.toMillis() / 1000.0);
    }

    String json() {
        return Json.line(this);
    }
}
