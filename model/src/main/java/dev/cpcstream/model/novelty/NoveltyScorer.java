package dev.cpcstream.model.novelty;

import dev.cpcstream.model.SourceLimits;
import dev.cpcstream.model.SourceRecency;

import java.util.HashMap;
import java.util.Map;

/**
 * Scores each window of the sources one task embeds against that source's and the stream's references of the
 * window's own model version, then adds the window to them. A window is novel when its score exceeds the fixed
 * threshold, or else both the source's and the stream's running quantile of earlier scores; no window is novel
 * while either reference has fewer than the warm-up's scores under this version. A source's reference is kept while
 * the source is seen within the {@link SourceLimits}; a source forgotten warms up again, as a new one does.
 *
 * <p>Not thread-safe: one scorer per task; only the {@link StreamReference} is shared.
 */
public final class NoveltyScorer {

    private final NoveltySettings settings;
    private final StreamReference stream;
    private final Map<String, VersionedReference> sources = new HashMap<>();
    private final SourceRecency recency;

    /** A scorer that keeps sources' references within the default limits. */
    public NoveltyScorer(NoveltySettings settings, StreamReference stream) {
        this(settings, stream, SourceLimits.defaults());
    }

    public NoveltyScorer(NoveltySettings settings, StreamReference stream, SourceLimits limits) {
        this.settings = settings;
        this.stream = stream;
        this.recency = new SourceRecency(limits, sources::remove);
    }

    /** {@link #score(String, long, long, float[], double)} of a window without a capture time (offline tools). */
    public NoveltyScore score(String sourceId, long modelVersion, float[] vector, double loss) {
        return score(sourceId, 0, modelVersion, vector, loss);
    }

    /**
     * @param timestampMs the window's capture time, epoch milliseconds: the clock idleness is measured on
     * @param vector      the window's embedding
     * @param loss        its InfoNCE against its own frames, under the same weights
     */
    public NoveltyScore score(String sourceId, long timestampMs, long modelVersion, float[] vector, double loss) {
        recency.advanceTo(timestampMs);
        VersionedReference source = sources.computeIfAbsent(sourceId, id -> new VersionedReference(settings));
        recency.seen(sourceId);
        source.follow(modelVersion);
        Double sourceDistance = source.distance(vector);
        Double streamDistance = stream.distance(modelVersion, vector);
        Double score = switch (settings.term()) {
            case LOSS -> Double.isFinite(loss) ? loss : null;
            case SOURCE -> sourceDistance;
            case STREAM -> streamDistance;
        };
        Double threshold = threshold(source.threshold(), stream.threshold(modelVersion));
        boolean novel = score != null && threshold != null && score > threshold;
        source.add(vector, score);
        stream.add(modelVersion, vector, score);
        return new NoveltyScore(score, loss, sourceDistance, streamDistance, threshold, novel);
    }

    /** Sources whose reference is kept. */
    public int sourcesKept() {
        return sources.size();
    }

    private Double threshold(Double sourceQuantile, Double streamQuantile) {
        if (sourceQuantile == null || streamQuantile == null) {
            return null;
        }
        return settings.fixedThreshold().isPresent() ? settings.fixedThreshold().getAsDouble()
                : Math.max(sourceQuantile, streamQuantile);
    }
}
