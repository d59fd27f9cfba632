package dev.cpcstream.model;

/**
 * What one online training step did and measured, in four parts a caller names as it reads them:
 * {@code result.update().applied()}, {@code result.losses().infoNce()}, {@code result.keys().uniformity()},
 * {@code result.embeddings().contexts()}.
 *
 * <p>The embeddings are those of the forward pass the loss was computed on (before the update), so a window that was
 * trained on needs no separate inference pass to be published.
 *
 * @param update     whether the optimizer step was taken, and on which weights the step was computed
 * @param losses     the objective, and how often its classification was won
 * @param keys       the geometry of the step's keys, and the queue they joined
 * @param embeddings per window, its context c_t at the last step and its nearest prototype
 */
public record TrainResult(Update update, Losses losses, Keys keys, Embeddings embeddings) {

    /**
     * @param applied      false when the update was skipped because the loss or gradient was not finite
     * @param gradNorm     global L2 norm of the gradient, before clipping
     * @param step         optimizer steps the weights had taken when the contexts were computed (before this step's
     *                     update; the learner's {@code step()} is one more when {@code applied})
     * @param modelVersion monotonic version of the weights the contexts were computed with
     */
    public record Update(boolean applied, double gradNorm, long step, long modelVersion) {
    }

    /**
     * @param infoNce         InfoNCE loss, averaged over anchors t and steps k
     * @param protoNce        PCL's ProtoNCE term, averaged likewise and not weighted (the step minimised
     *                        {@code infoNce + protoWeight * protoNce}); NaN when not computed: no prototypes yet, or
     *                        {@code protoWeight} 0
     * @param chance          ln(N + 1): the InfoNCE loss of a model that cannot tell the positive from N negatives
     * @param accuracyPerStep top-1 contrastive accuracy (the positive scores above every negative) for each prediction
     *                        step k = 1..K (index k - 1)
     */
    public record Losses(double infoNce, double protoNce, double chance, double[] accuracyPerStep) {

        /** Top-1 contrastive accuracy over every k; each k has as many predictions, so the mean of the steps'. */
        public double accuracy() {
            double sum = 0;
            for (double a : accuracyPerStep) {
                sum += a;
            }
            return sum / accuracyPerStep.length;
        }
    }

    /**
     * @param alignment         mean squared distance between unit predictions and their positive keys
     *                          ({@link AlignmentUniformity})
     * @param uniformity        uniformity of (a sample of) the step's keys ({@link AlignmentUniformity})
     * @param queueFill         keys in the MoCo queue that came from the key encoder (not the random initial ones)
     * @param oldestKeyAgeSteps age in steps of the oldest key a negative can be drawn from
     */
    public record Keys(double alignment, double uniformity, int queueFill, long oldestKeyAgeSteps) {
    }
}
