package dev.cpcstream.monitoring;

import static dev.cpcstream.monitoring.MetricNames.*;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Is the representation collapsing: per-dimension std and effective rank of the recent embeddings. Adding
 * embeddings is a copy; the statistics are computed by {@link #refresh()}, which the caller runs off the streaming
 * thread, and the gauges read the last result.
 */
final class RepresentationMeters {

    private final RecentEmbeddings recent;
    private volatile EmbeddingStatistics latest = EmbeddingStatistics.NONE;

    RepresentationMeters(MeterRegistry registry, int sampleRows) {
        recent = new RecentEmbeddings(sampleRows);
        gauge(registry, EMBEDDING_STD_MIN, "Smallest per-dimension std of recent embeddings",
                EmbeddingStatistics::stdMin);
        gauge(registry, EMBEDDING_STD_MEAN, "Per-dimension std of recent embeddings, averaged over dimensions",
                EmbeddingStatistics::stdMean);
        gauge(registry, EMBEDDING_EFFECTIVE_RANK, "Effective rank of recent embeddings (0 = all equal, H = isotropic)",
                EmbeddingStatistics::effectiveRank);
        gauge(registry, EMBEDDING_DIMENSIONS, "Embedding width H", EmbeddingStatistics::dimensions);
        gauge(registry, EMBEDDING_SAMPLE_ROWS, "Recent embeddings the statistics are computed on",
                EmbeddingStatistics::rows);
    }

    /** Remembers {@code contexts} ({@code [B][H]}) for the next {@link #refresh()}. */
    void add(float[][] contexts) {
        recent.add(contexts);
    }

    /** Recomputes the statistics if embeddings arrived since the last time; O(n H^2 + H^3). */
    void refresh() {
        float[][] sample = recent.snapshotIfChanged();
        if (sample != null) {
            latest = EmbeddingStatistics.of(sample);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description,
                       ToDoubleFunction<EmbeddingStatistics> field) {
        Gauge.builder(name, this, m -> field.applyAsDouble(m.latest))
                .description(description)
                .strongReference(true)
                .register(registry);
    }
}
