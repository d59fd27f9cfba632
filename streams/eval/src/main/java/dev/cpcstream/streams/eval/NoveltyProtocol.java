package dev.cpcstream.streams.eval;

import dev.cpcstream.model.novelty.NoveltySettings;
import dev.cpcstream.model.novelty.NoveltyTerm;

import java.util.OptionalDouble;

/**
 * How the novelty evaluation runs a domain.
 *
 * @param sources       sources per scenario, each switching once
 * @param trainSteps    training steps on the normal signals before the model is frozen
 * @param batchWindows  windows per training step
 * @param windowsBefore windows each source produces before its switch
 * @param windowsAfter  windows after it: the positives, and how long a detector has to notice
 * @param quantile      cpc.novelty.quantile
 * @param warmupWindows cpc.novelty.warmup.windows
 * @param memoryWindows cpc.novelty.memory.windows
 * @param seed          fixes every signal and the model's initialisation
 */
record NoveltyProtocol(int sources, int trainSteps, int batchWindows, int windowsBefore, int windowsAfter,
                       double quantile, int warmupWindows, int memoryWindows, long seed) {

    NoveltyProtocol {
        if (windowsBefore <= warmupWindows) {
            throw new IllegalArgumentException("windows before the switch (" + windowsBefore + ") must exceed the "
                    + "warm-up (" + warmupWindows + "), or no normal window is ever scored");
        }
    }

    /** The scorer's settings, as the application takes them (with the adaptive threshold). */
    NoveltySettings novelty() {
        return NoveltySettings.defaults().withTerm(NoveltyTerm.SOURCE)
                .withThreshold(quantile, OptionalDouble.empty()).withWindows(warmupWindows, memoryWindows);
    }
}
