package dev.cpcstream.streams.app;

/**
 * A snapshot of a running application, for a status line and the JSON summary. Counts are since this process
 * started; first and last loss and accuracy are averaged over this run's first and latest 10 training steps
 * (NaN before the first step).
 *
 * @param framesIn      input records read (dead-lettered ones included)
 * @param windows       windows assembled
 * @param embeddingsOut embeddings published
 * @param dlq           records dead-lettered
 * @param trainSteps    training steps this process ran
 * @param trainerIntake windows that reached the trainer task in this process: trained on, or passed over
 * @param firstLoss     InfoNCE loss at the start of the run
 * @param lastLoss      InfoNCE loss lately
 * @param chanceLoss    ln(N + 1): the loss of a model that has learned nothing
 * @param firstAccuracy top-1 contrastive accuracy at the start of the run
 * @param lastAccuracy  top-1 contrastive accuracy lately
 * @param modelVersion  version of the current weights (monotonic across restarts)
 * @param lagFrames     frames in the input topic not yet read, as the stream's consumers last measured it
 */
public record AppStatus(long framesIn, long windows, long embeddingsOut, long dlq, long trainSteps,
                        long trainerIntake, double firstLoss, double lastLoss, double chanceLoss,
                        double firstAccuracy, double lastAccuracy, long modelVersion, long lagFrames) {
}
