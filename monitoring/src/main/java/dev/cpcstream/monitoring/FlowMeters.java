package dev.cpcstream.monitoring;

import static dev.cpcstream.monitoring.MetricNames.*;

import dev.cpcstream.schemas.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Is it keeping up: what came in, what went out, what was rejected, and how long it took. Timers publish histogram
 * buckets so Prometheus can compute quantiles over any window and across instances.
 */
final class FlowMeters {

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter windows;
    private final Counter embeddingsOut;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter reordered;
    private final Counter inferenceWindows;
    private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);
    private final Timer inferenceTime;
    private final Timer eventLag;

    FlowMeters(MeterRegistry registry) {
        this.registry = registry;
        framesIn = counter(FRAMES_IN, "Frames read from the input topic");
        windows = counter(WINDOWS, "Windows assembled from frames");
        embeddingsOut = counter(EMBEDDINGS_OUT, "Embeddings published");
        duplicates = counter(FRAME_DUPLICATES, "Frames dropped because their sequence number was already seen");
        gaps = counter(FRAME_GAPS, "Gaps in a source's frame sequence, one per gap whatever its length");
        reordered = counter(FRAMES_REORDERED, "Frames that arrived after a later frame of their source");
        inferenceWindows = counter(INFERENCE_WINDOWS, "Windows embedded without training on them");
        // every reason from the start: rate() and the alert on dead letters need a series at 0 before the first one
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters.put(reason, Counter.builder(DEAD_LETTERS)
                    .description("Input records sent to the dead-letter topic")
                    .tag(TAG_REASON, reason.name())
                    .register(registry));
        }
        inferenceTime = Timer.builder(INFERENCE_TIME)
                .description("Wall time of one inference pass")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        eventLag = Timer.builder(EVENT_LAG)
                .description("From the timestamp of a window's last frame to the publication of its embedding")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }

    void inference(int windowCount, long nanos) {
        inferenceWindows.increment(windowCount);
        inferenceTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    void framesIn(long frames) {
        framesIn.increment(frames);
    }

    void window() {
        windows.increment();
    }

    void embeddingOut(long eventLagMillis) {
        embeddingsOut.increment();
        // A producer clock ahead of ours gives a negative lag; it means "no lag", and Micrometer drops negatives.
        eventLag.record(Math.max(0, eventLagMillis), TimeUnit.MILLISECONDS);
    }

    void deadLetter(DeadLetterReason reason) {
        deadLetters.get(reason).increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void gap() {
        gaps.increment();
    }

    void reordered() {
        reordered.increment();
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }
}
