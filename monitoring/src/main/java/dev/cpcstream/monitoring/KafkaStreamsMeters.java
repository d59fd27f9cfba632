package dev.cpcstream.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One Kafka Streams client's own metrics (client, threads, tasks, and its embedded consumers and producers) as
 * {@code kafka_*} meters, re-read every {@code refresh} so metrics of newly assigned tasks show up.
 */
final class KafkaStreamsMeters implements AutoCloseable {

    private final RefreshCappingScheduler scheduler;
    private final KafkaStreamsMetrics binder;

    KafkaStreamsMeters(KafkaStreams streams, MeterRegistry registry, Duration refresh) {
        scheduler = new RefreshCappingScheduler(refresh, "cpc-kafka-metrics-refresh");
        binder = new KafkaStreamsMetrics(streams, List.of(), scheduler);
        binder.bindTo(registry);
    }

    /** Removes the client's meters from the registry and stops refreshing them. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        binder.close();
    }
}
