package dev.cpcstream.streams.topology;

import dev.cpcstream.model.TrainResult;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Whether this run is learning: loss and accuracy averaged over its first and its latest {@link #AVERAGED} steps
 * (one step's loss is too noisy to compare). Not thread-safe: {@link LearnerOwner} records under its lock.
 */
final class TrainingProgress {

    /** Steps each of the first and last averages is taken over. */
    static final int AVERAGED = 10;

    private final List<TrainResult> first = new ArrayList<>();
    private final Deque<TrainResult> last = new ArrayDeque<>();
    private long steps;
    private double chanceLoss = Double.NaN;

    void record(TrainResult result) {
        steps++;
        chanceLoss = result.losses().chance();
        if (!Double.isFinite(result.losses().infoNce())) {
            return;
        }
        if (first.size() < AVERAGED) {
            first.add(result);
        }
        last.addLast(result);
        if (last.size() > AVERAGED) {
            last.removeFirst();
        }
    }

    LearningProgress snapshot(long modelVersion) {
        return new LearningProgress(steps, meanLoss(first), meanLoss(last), chanceLoss, meanAccuracy(first),
                meanAccuracy(last), modelVersion);
    }

    private static double meanLoss(Collection<TrainResult> results) {
        return results.stream().mapToDouble(r -> r.losses().infoNce()).average().orElse(Double.NaN);
    }

    private static double meanAccuracy(Collection<TrainResult> results) {
        return results.stream().mapToDouble(r -> r.losses().accuracy()).average().orElse(Double.NaN);
    }
}
