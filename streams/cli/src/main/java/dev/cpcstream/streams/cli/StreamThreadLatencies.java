package dev.cpcstream.streams.cli;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The largest time a stream thread spent in one commit, poll, process or punctuate call, sampled over a benchmark
 * phase from Kafka Streams' own {@code *-latency-max} metrics: where a thread blocks is where a frame's way to its
 * committed embedding waits, so the phase's latency tail can be set beside them.
 *
 * <p>Kafka's maxima are over its last sample windows, so sampling them once a second and keeping the largest covers
 * the whole span; a value Kafka has not computed yet (NaN) is skipped.
 */
final class StreamThreadLatencies {

    /** What a stream thread does in its loop, as Kafka Streams names each metric's prefix. */
    private static final String[] CALLS = {"commit", "poll", "process", "punctuate"};

    private final MeterRegistry registry;
    private final Map<String, Double> maxMs = new LinkedHashMap<>();

    StreamThreadLatencies(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Forgets what was sampled during the warm-up. */
    void reset() {
        maxMs.clear();
    }

    void sample() {
        for (String call : CALLS) {
            for (Gauge gauge : registry.find("kafka.stream.thread." + call + ".latency.max").gauges()) {
                double ms = gauge.value();
                if (!Double.isNaN(ms)) {
                    maxMs.merge(call, ms, Math::max);
                }
            }
        }
    }

    /** Call to its largest latency in ms, over every stream thread. */
    Map<String, Double> maxMs() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(maxMs));
    }

    static String line(Map<String, Double> maxMs) {
        return maxMs.isEmpty() ? "thread max: none" : "thread max: " + Arrays.stream(CALLS)
                .filter(maxMs::containsKey)
                .map(call -> String.format(Locale.ROOT, "%s %.0f ms", call, maxMs.get(call)))
                .collect(Collectors.joining(", "));
    }
}
