package dev.cpcstream.monitoring;

import static dev.cpcstream.monitoring.MetricNames.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** What the stream does that it has not done before: the novelty scores, and the windows above the threshold. */
final class NoveltyMeters {

    private final Counter novelWindows;
    private final DistributionSummary scores;

    NoveltyMeters(MeterRegistry registry) {
        // registered at 0: rate() needs a series before the first novel window
        novelWindows = Counter.builder(NOVELTY_WINDOWS)
                .description("Windows whose novelty score exceeded the threshold (published to the novelty topic)")
                .register(registry);
        scores = DistributionSummary.builder(NOVELTY_SCORE)
                .description("Novelty scores of the published embeddings")
                .register(registry);
    }

    void scored(Double score, boolean novel) {
        if (score != null && Double.isFinite(score)) {
            scores.record(score);
        }
        if (novel) {
            novelWindows.increment();
        }
    }
}
