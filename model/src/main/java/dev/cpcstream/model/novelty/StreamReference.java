package dev.cpcstream.model.novelty;

/**
 * The stream's reference, shared by the scorers of every task of one instance; every method holds its lock. It
 * follows the newest model version any of them reports, and takes no part in scoring a window of an older one
 * (a task that embedded before the weights changed), so it never mixes versions.
 */
public final class StreamReference {

    private final VersionedReference reference;

    public StreamReference(NoveltySettings settings) {
        this.reference = new VersionedReference(settings);
    }

    /** The distance of {@code vector} to the stream's mean; null when the version is not the stream's, or empty. */
    synchronized Double distance(long modelVersion, float[] vector) {
        reference.follow(modelVersion);
        return reference.holds(modelVersion) ? reference.distance(vector) : null;
    }

    /** The stream's score threshold for this version once warm; else null. */
    synchronized Double threshold(long modelVersion) {
        return reference.holds(modelVersion) ? reference.threshold() : null;
    }

    synchronized void add(long modelVersion, float[] vector, Double score) {
        if (reference.holds(modelVersion)) {
            reference.add(vector, score);
        }
    }
}
