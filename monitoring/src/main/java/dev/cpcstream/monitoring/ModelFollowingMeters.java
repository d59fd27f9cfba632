package dev.cpcstream.monitoring;

import static dev.cpcstream.monitoring.MetricNames.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Which weights this instance embeds with, how far they are behind the model topic (the newest snapshot seen against
 * the weights in use), and the snapshots refused for another config.
 */
final class ModelFollowingMeters {

    private final Counter refused;
    private volatile long newestSeen;
    private volatile long inUse;

    ModelFollowingMeters(MeterRegistry registry) {
        Gauge.builder(MODEL_VERSION_LAG, this, m -> Math.max(0, m.newestSeen - m.inUse))
                .description("Model versions between the newest snapshot on the model topic and the weights in use")
                .strongReference(true)
                .register(registry);
        Gauge.builder(MODEL_VERSION_IN_USE, this, m -> m.inUse)
                .description("Version of the weights this instance embeds with")
                .strongReference(true)
                .register(registry);
        refused = Counter.builder(SNAPSHOTS_REFUSED)
                .description("Model snapshots refused because they were taken with another model config")
                .register(registry);
    }

    void snapshotSeen(long modelVersion) {
        newestSeen = Math.max(newestSeen, modelVersion);
    }

    void weightsInUse(long modelVersion) {
        inUse = modelVersion;
    }

    void refused() {
        refused.increment();
    }
}
