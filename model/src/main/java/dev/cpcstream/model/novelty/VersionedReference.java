package dev.cpcstream.model.novelty;

/**
 * What novelty is measured against, for one source or for the stream, under one model version: the running mean of
 * its recent embeddings and the running quantile of its recent scores. A newer version starts both afresh, since
 * vectors (and so distances and scores) of two versions are not comparable.
 */
final class VersionedReference {

    private final NoveltySettings settings;
    private long version = -1;
    private RunningMean mean;
    private P2Quantile scores;

    VersionedReference(NoveltySettings settings) {
        this.settings = settings;
    }

    /** Starts afresh when {@code modelVersion} is newer than the reference's. */
    void follow(long modelVersion) {
        if (modelVersion > version) {
            version = modelVersion;
            mean = new RunningMean(settings.memoryWindows());
            scores = new P2Quantile(settings.quantile());
        }
    }

    boolean holds(long modelVersion) {
        return version == modelVersion;
    }

    Double distance(float[] vector) {
        return mean.cosineDistance(vector);
    }

    /** The score quantile once warm, else null. */
    Double threshold() {
        return scores.count() >= settings.warmupWindows() ? scores.value() : null;
    }

    void add(float[] vector, Double score) {
        mean.add(vector);
        if (score != null) {
            scores.add(score);
        }
    }
}
