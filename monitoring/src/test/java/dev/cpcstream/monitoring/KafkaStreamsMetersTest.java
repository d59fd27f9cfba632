package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/**
 * A stream thread's consumers name their fetch metrics alike at client, topic and partition level; every one of them
 * reaches the Prometheus endpoint, none is dropped for a clash of label names.
 */
class KafkaStreamsMetersTest {

    private static final String FETCH = "consumer-fetch-manager-metrics";

    private record FixedMetric(MetricName metricName, Object metricValue) implements Metric {
    }

    private final Map<MetricName, Metric> metrics = new LinkedHashMap<>();

    private void add(String name, double value, String... tags) {
        add(FETCH, name, value, tags);
    }

    private void add(String group, String name, double value, String... tags) {
        Map<String, String> tagMap = new LinkedHashMap<>();
        for (int i = 0; i < tags.length; i += 2) {
            tagMap.put(tags[i], tags[i + 1]);
        }
        MetricName metricName = new MetricName(name, group, "", tagMap);
        metrics.put(metricName, new FixedMetric(metricName, value));
    }

    @Test
    void stateStoresOfEveryKindAreAllExported() {
        // a task's persistent stores and the global in-memory store, whose id tags Kafka names after their kind
        add("stream-state-metrics", "all-rate", 2, "thread-id", "t1", "task-id", "0_0",
                "rocksdb-state-id", "assembler");
        add("stream-state-metrics", "all-rate", 1, "thread-id", "global", "task-id", "-1_-1",
                "in-memory-state-id", "cpc-model");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (KafkaStreamsMeters ignored = new KafkaStreamsMeters(() -> metrics, registry, Duration.ofHours(1))) {
            PrometheusText scrape = PrometheusText.parse(registry.scrape());

            assertEquals(2, scrape.value("kafka_stream_state_all_rate", "state_id", "assembler",
                    "store_type", "rocksdb"));
            assertEquals(1, scrape.value("kafka_stream_state_all_rate", "state_id", "cpc-model",
                    "store_type", "in-memory"));
        }
    }

    @Test
    void clientTopicAndPartitionLevelsOfSeveralConsumersAreAllExported() {
        // the order that made Micrometer's binder drop the client level: another client first, then a finer level
        add("records-consumed-total", 5, "client-id", "restore");
        add("records-consumed-total", 7, "client-id", "main", "topic", "frames");
        add("records-consumed-total", 7, "client-id", "main");
        add("records-lag-max", 3, "client-id", "main", "topic", "frames", "partition", "0");
        add("records-lag-max", 3, "client-id", "main");
        add("records-lag-max", 0, "client-id", "restore");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (KafkaStreamsMeters ignored = new KafkaStreamsMeters(() -> metrics, registry, Duration.ofHours(1))) {
            PrometheusText scrape = PrometheusText.parse(registry.scrape());

            assertEquals(5, scrape.value("kafka_consumer_fetch_manager_records_consumed_total", "client_id", "restore"));
            assertEquals(7, scrape.value("kafka_consumer_fetch_manager_records_consumed_total", "client_id", "main"));
            assertEquals(7, scrape.value("kafka_consumer_fetch_manager_topic_records_consumed_total",
                    "client_id", "main", "topic", "frames"));
            assertEquals(3, scrape.value("kafka_consumer_fetch_manager_records_lag_max", "client_id", "main"));
            assertEquals(0, scrape.value("kafka_consumer_fetch_manager_records_lag_max", "client_id", "restore"));
            assertEquals(3, scrape.value("kafka_consumer_fetch_manager_partition_records_lag_max",
                    "client_id", "main", "topic", "frames", "partition", "0"));
        }
    }

    @Test
    void aMetricKafkaRemovesLosesItsMeterAtTheNextRefresh() {
        add("records-lag-max", 3, "client-id", "main", "topic", "frames", "partition", "0");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (KafkaStreamsMeters meters = new KafkaStreamsMeters(() -> metrics, registry, Duration.ofHours(1))) {
            metrics.clear();
            meters.refresh();

            assertFalse(PrometheusText.parse(registry.scrape()).names()
                    .contains("kafka_consumer_fetch_manager_partition_records_lag_max"));
        }
    }
}
