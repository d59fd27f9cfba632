package dev.cpcstream.monitoring;

import dev.cpcstream.model.TrainResult;

/** TrainResult values for tests, with every field distinct so a crossed wire shows. */
final class TrainResults {

    private TrainResults() {
    }

    /** A step of a model with K = accuracyPerStep.length, N = 127 negatives (chance ln 128), one [2][4] batch. */
    static TrainResult step(boolean applied, double loss, long step, double... accuracyPerStep) {
        double accuracy = 0;
        for (double a : accuracyPerStep) {
            accuracy += a / accuracyPerStep.length;
        }
        float[][] contexts = {{0.1f, 0.2f, 0.3f, 0.4f}, {-0.1f, 0.0f, 0.5f, 0.2f}};
        return new TrainResult(applied, loss, 1.125, Math.log(128), accuracy, accuracyPerStep, 1.5 + step, 0.25, -2.5,
                step, 1000 + step, 300 + (int) step, 40 + step, contexts, new int[]{3, 5});
    }
}
