package dev.cpcstream.streams.eval;

import dev.cpcstream.model.novelty.NoveltySettings;

/**
 * How the novelty evaluation runs a domain.
 *
 * @param sources        sources per scenario, each switching once
 * @param trainSteps     training steps on the normal signals before the model is frozen
 * @param batchWindows   windows per training step
 * @param windowsBefore  windows each source produces before its switch
 * @param windowsAfter   windows after it: the positives, and how long a detector has to notice
 * @param novelty        the scorer's settings, as the application takes them
 * @param seed           fixes every signal and the model's initialisation
 */
record NoveltyProtocol(int sources, int trainSteps, int batchWindows, int windowsBefore, int windowsAfter,
                       NoveltySettings novelty, long seed) {

    NoveltyProtocol {
        if (windowsBefore <= novelty.warmupWindows()) {
            throw new IllegalArgumentException("windows before the switch (" + windowsBefore + ") must exceed the "
                    + "warm-up (" + novelty.warmupWindows() + "), or no normal window is ever scored");
        }
    }
}
