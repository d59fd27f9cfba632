package dev.cpcstream.model.novelty;

import java.util.OptionalDouble;

/**
 * How windows are scored and which are novel.
 *
 * @param enabled        false: embeddings carry no novelty and the novelty topic stays empty
 * @param term           which term is the score
 * @param quantile       the adaptive threshold: this running quantile of the scores, per source and over the stream
 * @param fixedThreshold a fixed threshold instead of the adaptive one, when present
 * @param warmupWindows  scores a source, and the stream, must have under the current model version before any of its
 *                       windows can be novel: a start or a version change does not flood the novelty topic
 * @param memoryWindows  how many recent embeddings a running mean reference mostly reflects (its EMA horizon)
 */
public record NoveltySettings(boolean enabled, NoveltyTerm term, double quantile, OptionalDouble fixedThreshold,
                              int warmupWindows, int memoryWindows) {

    public NoveltySettings {
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("the novelty quantile must be in (0, 1), got " + quantile);
        }
        if (warmupWindows < 1) {
            throw new IllegalArgumentException("novelty warm-up must be at least 1 window, got " + warmupWindows);
        }
        if (memoryWindows < 1) {
            throw new IllegalArgumentException("novelty memory must be at least 1 window, got " + memoryWindows);
        }
    }

    /** The defaults the README's configuration section documents. */
    public static NoveltySettings defaults() {
        return new NoveltySettings(true, NoveltyTerm.SOURCE, 0.99, OptionalDouble.empty(), 32, 64);
    }

    public NoveltySettings withTerm(NoveltyTerm newTerm) {
        return new NoveltySettings(enabled, newTerm, quantile, fixedThreshold, warmupWindows, memoryWindows);
    }

    public NoveltySettings withThreshold(double newQuantile, OptionalDouble newFixedThreshold) {
        return new NoveltySettings(enabled, term, newQuantile, newFixedThreshold, warmupWindows, memoryWindows);
    }

    public NoveltySettings withWindows(int newWarmupWindows, int newMemoryWindows) {
        return new NoveltySettings(enabled, term, quantile, fixedThreshold, newWarmupWindows, newMemoryWindows);
    }
}
