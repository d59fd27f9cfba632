package dev.cpcstream.model;

import dev.cpcstream.schemas.ModelCheckpoint;

import java.util.List;
import java.util.Map;

/**
 * The online CPC learner: a query network (g_enc, g_ar, W_1..W_K), its momentum key encoder, the MoCo queue of
 * negatives and Adam, trained one micro-batch of windows at a time.
 *
 * <p>Not thread-safe: ND4J arrays and the carried GRU states belong to the one thread that owns the learner.
 */
public final class OnlineLearner implements AutoCloseable {

    /** A fresh model, initialised from {@code config.seed()}. */
    public OnlineLearner(CpcConfig config) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Resumes exactly where the checkpoint was taken: weights, Adam moments, queue, step, version, GRU states. */
    public static OnlineLearner restore(ModelCheckpoint checkpoint) {
        throw new UnsupportedOperationException("in progress");
    }

    public CpcConfig config() {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Forward, InfoNCE, backward and one Adam step on a batch of windows (at least one), then the momentum update's
     * keys are enqueued. The returned contexts are those of this forward pass, one per window in input order.
     */
    public TrainResult train(List<Window> batch) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Inference only: the context vector at each window's last step, {@code [B][H]}; no weight changes. */
    public float[][] embed(List<Window> batch) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Everything needed to resume, plus the input offsets ("topic-partition" to next offset) it covers. */
    public ModelCheckpoint checkpoint(Map<String, Long> inputOffsets) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Optimizer steps applied so far. */
    public long step() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Monotonic version of the weights: grows with every applied step and never goes back across restores. */
    public long modelVersion() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Steps whose update was skipped because the loss or the gradient was not finite. */
    public long skippedSteps() {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public void close() {
    }
}
