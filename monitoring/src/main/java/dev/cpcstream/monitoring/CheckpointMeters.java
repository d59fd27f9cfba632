package dev.cpcstream.monitoring;

import static dev.cpcstream.monitoring.MetricNames.*;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * How much training would be lost if the process died now: the age of the last checkpoint, its size and how many
 * were written. Before the first checkpoint the age counts from start, so a learner that never saves still ages.
 * Checkpoints rejected at restore are counted by reason, each exported at 0 from the start.
 */
final class CheckpointMeters {

    private final Clock clock;
    private final Counter written;
    private final Map<CheckpointRejection, Counter> rejected = new EnumMap<>(CheckpointRejection.class);
    private volatile long lastMillis;
    private volatile double lastBytes = Double.NaN;

    CheckpointMeters(MeterRegistry registry) {
        clock = registry.config().clock();
        lastMillis = clock.wallTime();
        Gauge.builder(CHECKPOINT_AGE, this, m -> (m.clock.wallTime() - m.lastMillis) / 1000.0)
                .description("Seconds since the last checkpoint, or since start before the first one")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Gauge.builder(CHECKPOINT_SIZE, this, m -> m.lastBytes)
                .description("Size of the last checkpoint")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        written = Counter.builder(CHECKPOINTS).description("Checkpoints written").register(registry);
        for (CheckpointRejection reason : CheckpointRejection.values()) {
            rejected.put(reason, Counter.builder(CHECKPOINTS_REJECTED)
                    .description("Stored checkpoints passed over at restore for an older one")
                    .tag(TAG_REASON, reason.name())
                    .register(registry));
        }
    }

    void checkpoint(long bytes, long epochMillis) {
        lastBytes = bytes;
        lastMillis = epochMillis;
        written.increment();
    }

    void rejected(CheckpointRejection reason) {
        rejected.get(reason).increment();
    }
}
