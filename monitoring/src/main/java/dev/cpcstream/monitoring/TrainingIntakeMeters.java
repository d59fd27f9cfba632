package dev.cpcstream.monitoring;

import static dev.cpcstream.monitoring.MetricNames.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Does training keep up with the input: the windows that reached the trainer, by what became of them, and how long
 * the newest of them had waited. The fraction trained on is {@code TRAINED} over all outcomes; every outcome is
 * exported at 0 from the start so that ratio exists on a healthy run.
 */
final class TrainingIntakeMeters {

    private final Map<TrainingIntake, Counter> windows = new EnumMap<>(TrainingIntake.class);
    private volatile double lagSeconds = Double.NaN;

    TrainingIntakeMeters(MeterRegistry registry) {
        for (TrainingIntake outcome : TrainingIntake.values()) {
            windows.put(outcome, Counter.builder(TRAINING_WINDOWS)
                    .description("Windows that reached the trainer, by what it did with them")
                    .tag(TAG_OUTCOME, outcome.name())
                    .register(registry));
        }
        Gauge.builder(TRAINING_LAG, this, m -> m.lagSeconds)
                .description("How long the last window to reach the trainer had waited for it")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    void windows(TrainingIntake outcome, int count) {
        windows.get(outcome).increment(count);
    }

    void lag(long millis) {
        lagSeconds = millis / 1000.0;
    }
}
