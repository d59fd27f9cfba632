package dev.cpcstream.monitoring;

import static dev.cpcstream.monitoring.MetricNames.*;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * How many sources each learner carries a GRU state for: what {@code cpc.sources.*} bounds, and, for the trainer,
 * what its checkpoints hold a state for. A count stuck at {@code cpc.sources.max} means sources are forgotten for
 * room rather than for idleness.
 */
final class SourceMeters {

    private volatile int embedding;
    private volatile int trainer;

    SourceMeters(MeterRegistry registry) {
        register(registry, "embedding", m -> m.embedding);
        register(registry, "trainer", m -> m.trainer);
    }

    private void register(MeterRegistry registry, String learner, ToDoubleFunction<SourceMeters> count) {
        Gauge.builder(SOURCES_CARRIED, this, count)
                .description("Sources whose GRU state the learner carries to their next window")
                .tag(TAG_LEARNER, learner)
                .strongReference(true)
                .register(registry);
    }

    void carried(boolean byTrainer, int count) {
        if (byTrainer) {
            trainer = count;
        } else {
            embedding = count;
        }
    }
}
