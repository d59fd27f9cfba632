package dev.cpcstream.streams.topology;

/**
 * A window and what the learner made of it, on its way to the embeddings topic.
 *
 * @param window       the pending window
 * @param context      its context vector c_t, length H
 * @param prototype    its nearest prototype, or null when the model keeps none
 * @param ownFrameLoss its InfoNCE against its own frames (the novelty score's contrastive term); NaN without novelty
 * @param step         optimizer steps of the weights that produced it
 * @param modelVersion version of those weights
 * @param trained      whether the window was also forwarded to the trainer to be trained on
 */
public record LearnedWindow(PendingWindow window, float[] context, Integer prototype, double ownFrameLoss,
                            long step, long modelVersion, boolean trained) {
}
