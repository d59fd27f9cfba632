package dev.cpcstream.streams.topology;

/**
 * Whether this run is learning, for a status line: the first and latest steps' loss next to the loss at chance.
 *
 * @param steps         training steps this process ran (applied or skipped)
 * @param firstLoss     mean InfoNCE loss over the first steps with a finite loss; NaN before any
 * @param lastLoss      the same over the latest steps
 * @param chanceLoss    ln(N + 1) of the latest step; NaN before any
 * @param firstAccuracy mean top-1 contrastive accuracy over the first steps
 * @param lastAccuracy  the same over the latest steps
 * @param modelVersion  version of the learner's current weights
 */
public record LearningProgress(long steps, double firstLoss, double lastLoss, double chanceLoss,
                               double firstAccuracy, double lastAccuracy, long modelVersion) {
}
