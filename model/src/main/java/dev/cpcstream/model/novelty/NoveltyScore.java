package dev.cpcstream.model.novelty;

/**
 * One window's novelty, all under one model version.
 *
 * @param score           the chosen term; null while that term has no reference of this version
 * @param loss            the window's InfoNCE against its own frames
 * @param sourceDistance  cosine distance to the source's running mean; null for its first window of this version
 * @param streamDistance  cosine distance to the stream's running mean; null before its first window of this version
 * @param threshold       what the score was compared with; null while warming up
 * @param novel           whether the score exceeded the threshold
 */
public record NoveltyScore(Double score, double loss, Double sourceDistance, Double streamDistance, Double threshold,
                           boolean novel) {
}
