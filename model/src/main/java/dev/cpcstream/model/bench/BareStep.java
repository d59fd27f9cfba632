package dev.cpcstream.model.bench;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.OnlineLearner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model alone on one batch of random windows, with no streaming around it: the median time of a training step
 * and of an embedding pass, the latter also with each window's own-frame loss (what an application that scores
 * novelty computes on every embedding). What a pipeline's throughput is compared with.
 *
 * @param trainMs  median wall time of one training step on the batch
 * @param inferMs  median wall time of embedding the batch
 * @param scoredMs median wall time of embedding the batch with each window's own-frame loss
 */
public record BareStep(int batch, double trainMs, double inferMs, double scoredMs) {

    /** Times {@code steps} of each after {@code warmup} untimed ones, on the calling thread. */
    public static BareStep time(CpcConfig config, int batch, int steps, int warmup) {
        var windows = ModelBenchmark.randomBatch(config, batch);
        try (OnlineLearner learner = new OnlineLearner(config)) {
            double train = ModelBenchmark.median(ModelBenchmark.timed("train", steps, warmup,
                    () -> learner.train(windows)));
            double infer = ModelBenchmark.median(ModelBenchmark.timed("infer", steps, warmup,
                    () -> learner.embed(windows)));
            double scored = ModelBenchmark.median(ModelBenchmark.timed("infer with own-frame losses", steps, warmup,
                    () -> learner.embedWithOwnFrameLosses(windows)));
            return new BareStep(batch, train, infer, scored);
        } finally {
            // the calling thread keeps its workspaces' blocks otherwise, and a pipeline measured after the timing,
            // in the same process, would count them as its own memory
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
    }

    public double trainWindowsPerSecond() {
        return batch / trainMs * 1000;
    }

    public double inferWindowsPerSecond() {
        return batch / inferMs * 1000;
    }

    public double scoredWindowsPerSecond() {
        return batch / scoredMs * 1000;
    }

    /** What an application embeds per second on its own: with own-frame losses when it scores novelty. */
    public double embedWindowsPerSecond(boolean scoresNovelty) {
        return scoresNovelty ? scoredWindowsPerSecond() : inferWindowsPerSecond();
    }
}
