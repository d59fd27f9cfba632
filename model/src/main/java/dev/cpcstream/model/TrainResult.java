package dev.cpcstream.model;

/**
 * What one online training step did and measured.
 *
 * <p>The contexts are those of the forward pass the loss was computed on (before the update), so a window that was
 * trained on needs no separate inference pass to be published.
 *
 * @param applied           false when the update was skipped because the loss or gradient was not finite
 * @param loss              InfoNCE loss, averaged over anchors t and steps k
 * @param protoLoss         PCL's ProtoNCE term, averaged likewise and not weighted (the step minimised
 *                          {@code loss + protoWeight * protoLoss}); NaN when not computed: no prototypes yet, or
 *                          {@code protoWeight} 0
 * @param chanceLoss        ln(N + 1): the loss of a model that cannot tell the positive from N negatives
 * @param accuracy          top-1 contrastive accuracy (the positive scores above every negative)
 * @param accuracyPerStep   the same, for each prediction step k = 1..K (index k - 1)
 * @param gradNorm          global L2 norm of the gradient, before clipping
 * @param alignment         mean squared distance between normalised predictions and their positive keys (Wang and Isola)
 * @param uniformity        log of the mean Gaussian potential exp(-2 d^2) between the step's keys (Wang and Isola)
 * @param step              optimizer steps the weights had taken when the contexts were computed (before this
 *                          step's update; the learner's {@code step()} is one more when {@code applied})
 * @param modelVersion      monotonic version of the weights the contexts were computed with
 * @param queueFill         keys in the MoCo queue that came from the key encoder (not the random initial ones)
 * @param oldestKeyAgeSteps age in steps of the oldest key a negative can be drawn from
 * @param contexts          {@code [B][H]}: the context vector c_t at each window's last step, in input order
 * @param prototypes        per window, its nearest prototype before this step's k-means pass, as
 *                          {@link Embeddings#prototypes()}; null when the model has no prototypes
 */
public record TrainResult(boolean applied, double loss, double protoLoss, double chanceLoss, double accuracy,
                          double[] accuracyPerStep, double gradNorm, double alignment, double uniformity, long step,
                          long modelVersion, int queueFill, long oldestKeyAgeSteps, float[][] contexts,
                          int[] prototypes) {
}
