package dev.cpcstream.monitoring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka Streams client's own metrics (client, threads, tasks, and its embedded consumers and producers) as
 * {@code kafka_*} meters, named as Micrometer's Kafka binder names them ({@code kafka.<group>.<name>}), re-read every
 * {@code refresh} so metrics of newly assigned tasks show up and those of revoked tasks go.
 *
 * <p>Not Micrometer's binder: with several clients in one registry (a stream thread's main and restore consumers)
 * it lets a client-level meter collide with a topic-level meter of the same name, and Prometheus then drops it
 * with a warning. Kafka reuses a name at client, topic and partition level (the consumer's fetch manager:
 * {@code records-lag-max}, {@code records-consumed-total}, ...), while Prometheus needs one set of label names per
 * metric, so here the topic and partition levels carry their level in the name:
 * {@code kafka_consumer_fetch_manager_records_lag_max} is the client's, with label client_id;
 * {@code kafka_consumer_fetch_manager_partition_records_lag_max} the partition's, with topic and partition too.
 */
final class KafkaStreamsMeters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaStreamsMeters.class);
    /** Kafka's descriptive groups: strings, or counts of the metrics themselves. */
    private static final Set<String> SKIPPED_GROUPS = Set.of("app-info", "kafka-metrics-count");
    private static final String STATE_ID_SUFFIX = "-state-id";

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final MeterRegistry registry;
    private final Map<MetricName, Meter> meters = new HashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cpc-kafka-metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });

    KafkaStreamsMeters(KafkaStreams streams, MeterRegistry registry, Duration refresh) {
        this(streams::metrics, registry, refresh);
    }

    KafkaStreamsMeters(Supplier<Map<MetricName, ? extends Metric>> metrics, MeterRegistry registry,
                       Duration refresh) {
        this.metrics = metrics;
        this.registry = registry;
        refresh();
        long period = refresh.toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /** Registers the client's new metrics and removes the meters of metrics it no longer has. */
    synchronized void refresh() {
        Map<MetricName, ? extends Metric> current = metrics.get();
        meters.keySet().removeIf(name -> {
            boolean gone = !current.containsKey(name);
            if (gone) {
                registry.remove(meters.get(name));
            }
            return gone;
        });
        current.forEach((name, metric) -> {
            if (!meters.containsKey(name) && !SKIPPED_GROUPS.contains(name.group())
                    && metric.metricValue() instanceof Number) {
                meters.put(name, register(name, metric));
            }
        });
    }

    private Meter register(MetricName name, Metric metric) {
        String meterName = meterName(name);
        List<Tag> tags = new ArrayList<>();
        name.tags().forEach((key, value) -> tags.addAll(tags(key, value)));
        if (isCumulative(meterName, metric)) {
            return FunctionCounter.builder(meterName, metric, KafkaStreamsMeters::value).tags(tags)
                    .description(name.description()).register(registry);
        }
        return Gauge.builder(meterName, metric, KafkaStreamsMeters::value).tags(tags)
                .description(name.description()).strongReference(true).register(registry);
    }

    /**
     * Kafka Streams names a state store's id tag after the store's kind ({@code rocksdb-state-id},
     * {@code in-memory-state-id}, ...), so one metric would carry different label names for different stores;
     * here every kind is the same two labels, {@code state_id} and {@code store_type}.
     */
    private static List<Tag> tags(String key, String value) {
        if (key.endsWith(STATE_ID_SUFFIX)) {
            String storeType = key.substring(0, key.length() - STATE_ID_SUFFIX.length());
            return List.of(Tag.of("state.id", value), Tag.of("store.type", storeType));
        }
        return List.of(Tag.of(key.replace('-', '.'), value));
    }

    private static String meterName(MetricName name) {
        String group = name.group().replace("-metrics", "");
        String level = "";
        if (name.tags().containsKey("partition")) {
            level = ".partition";
        } else if (name.tags().containsKey("topic") && !group.contains("topic")) {
            level = ".topic";
        }
        return ("kafka." + group + level + "." + name.name()).replace('-', '.');
    }

    /** As Micrometer's binder: named a total or a count, or a cumulative sum (failed-stream-threads is one). */
    private static boolean isCumulative(String meterName, Metric metric) {
        return meterName.endsWith("total") || meterName.endsWith("count")
                || metric instanceof KafkaMetric k && k.isMeasurable() && k.measurable() instanceof CumulativeSum;
    }

    private static double value(Metric metric) {
        return metric.metricValue() instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A failure must not cancel the periodic task (the executor would silently stop running it). */
    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the Kafka Streams meters; will retry at the next refresh", e);
        }
    }

    /** Removes the client's meters from the registry and stops refreshing them. */
    @Override
    public synchronized void close() {
        refresher.shutdownNow();
        meters.values().forEach(registry::remove);
        meters.clear();
    }
}
