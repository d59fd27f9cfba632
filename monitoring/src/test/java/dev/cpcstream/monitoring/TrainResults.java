package dev.cpcstream.monitoring;

import dev.cpcstream.model.Embeddings;
import dev.cpcstream.model.TrainResult;

/** TrainResult values for tests, with every field distinct so a crossed wire shows. */
final class TrainResults {

    private TrainResults() {
    }

    /** A step of a model with K = accuracyPerStep.length, N = 127 negatives (chance ln 128), one [2][4] batch. */
    static TrainResult step(boolean applied, double loss, long step, double... accuracyPerStep) {
        TrainResult.Update update = new TrainResult.Update(applied, 1.5 + step, step, 1000 + step);
        TrainResult.Losses losses = new TrainResult.Losses(loss, 1.125, Math.log(128), accuracyPerStep);
        TrainResult.Keys keys = new TrainResult.Keys(0.25, -2.5, 300 + (int) step, 40 + step);
        float[][] contexts = {{0.1f, 0.2f, 0.3f, 0.4f}, {-0.1f, 0.0f, 0.5f, 0.2f}};
        return new TrainResult(update, losses, keys, new Embeddings(contexts, new int[]{3, 5}));
    }
}
