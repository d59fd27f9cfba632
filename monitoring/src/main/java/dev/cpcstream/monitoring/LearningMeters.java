package dev.cpcstream.monitoring;

import static dev.cpcstream.monitoring.MetricNames.*;

import dev.cpcstream.model.TrainResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Is it learning: the last training step's loss against chance, accuracy (overall and per step k), gradient norm,
 * alignment and uniformity, the queue, step counts and the step time.
 *
 * <p>Gauges read the last {@link TrainResult}; before the first step they read NaN, which Prometheus shows as a gap.
 * A skipped step is recorded like any other, so a non-finite loss is visible on the gauge, not hidden.
 */
final class LearningMeters {

    private final MeterRegistry registry;
    private final Counter applied;
    private final Counter skipped;
    private final Timer stepTime;
    /** Prediction steps k that already have a gauge; grows to K on the first step. */
    private int accuracyGaugesK;
    private volatile TrainResult last;
    private volatile double learningRate = Double.NaN;

    LearningMeters(MeterRegistry registry) {
        this.registry = registry;
        gauge(LOSS, null, "InfoNCE loss of the last training step", r -> r.losses().infoNce());
        gauge(LOSS_CHANCE, null, "ln(N + 1), the loss of a model at chance", r -> r.losses().chance());
        gauge(ACCURACY, null, "Top-1 contrastive accuracy of the last training step", r -> r.losses().accuracy());
        gauge(GRAD_NORM, null, "Global L2 norm of the last gradient, before clipping", r -> r.update().gradNorm());
        gauge(ALIGNMENT, null, "Alignment of predictions and positive keys (lower is better)",
                r -> r.keys().alignment());
        gauge(UNIFORMITY, null, "Uniformity of the keys on the sphere (lower is better)", r -> r.keys().uniformity());
        gauge(MODEL_STEP, null, "Optimizer steps the model has taken, checkpoints included", r -> r.update().step());
        gauge(MODEL_VERSION, null, "Version of the weights embeddings are computed with",
                r -> r.update().modelVersion());
        gauge(QUEUE_FILL, "keys", "Queue keys that came from the key encoder", r -> r.keys().queueFill());
        gauge(QUEUE_OLDEST_KEY_AGE, "steps", "Age of the oldest negative key", r -> r.keys().oldestKeyAgeSteps());
        Gauge.builder(LEARNING_RATE, this, m -> m.learningRate)
                .description("Learning rate of the optimizer")
                .strongReference(true)
                .register(registry);
        applied = Counter.builder(TRAIN_STEPS).description("Optimizer steps applied").register(registry);
        skipped = Counter.builder(TRAIN_STEPS_SKIPPED)
                .description("Steps skipped because the loss or gradient was not finite")
                .register(registry);
        stepTime = Timer.builder(TRAIN_STEP_TIME)
                .description("Wall time of one training step")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    void record(TrainResult result, long nanos) {
        last = result;
        (result.update().applied() ? applied : skipped).increment();
        stepTime.record(nanos, TimeUnit.NANOSECONDS);
        registerAccuracyGaugesUpTo(result.losses().accuracyPerStep().length);
    }

    void learningRate(double lr) {
        learningRate = lr;
    }

    /** K is only known from the first result; one gauge per k, tagged, so a panel can show all of them. */
    private synchronized void registerAccuracyGaugesUpTo(int stepsAhead) {
        for (int k = accuracyGaugesK + 1; k <= stepsAhead; k++) {
            int index = k - 1;
            Gauge.builder(ACCURACY_PER_STEP, this, m -> m.accuracyAt(index))
                    .description("Top-1 contrastive accuracy of the last training step, predicting k steps ahead")
                    .tag(TAG_K, Integer.toString(k))
                    .strongReference(true)
                    .register(registry);
        }
        accuracyGaugesK = Math.max(accuracyGaugesK, stepsAhead);
    }

    private double lastOr(ToDoubleFunction<TrainResult> field) {
        TrainResult r = last;
        return r == null ? Double.NaN : field.applyAsDouble(r);
    }

    private double accuracyAt(int index) {
        TrainResult r = last;
        double[] perStep = r == null ? new double[0] : r.losses().accuracyPerStep();
        return index < perStep.length ? perStep[index] : Double.NaN;
    }

    private void gauge(String name, String baseUnit, String description, ToDoubleFunction<TrainResult> field) {
        Gauge.builder(name, this, m -> m.lastOr(field))
                .description(description)
                .baseUnit(baseUnit)
                .strongReference(true)
                .register(registry);
    }
}
