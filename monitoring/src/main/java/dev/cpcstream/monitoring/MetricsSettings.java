package dev.cpcstream.monitoring;

import java.time.Duration;

/**
 * How often the meters that cost something are refreshed.
 *
 * @param embeddingSampleRows   recent embeddings the std and effective rank are computed on (the last n seen)
 * @param representationRefresh how often those statistics are recomputed, off the streaming thread
 * @param kafkaMetricsRefresh   how often Kafka Streams is asked for metrics that appeared since (new tasks)
 */
public record MetricsSettings(int embeddingSampleRows, Duration representationRefresh, Duration kafkaMetricsRefresh) {

    public MetricsSettings {
        if (embeddingSampleRows < 2) {
            throw new IllegalArgumentException("embeddingSampleRows must be at least 2, got " + embeddingSampleRows);
        }
        if (representationRefresh.toMillis() < 1 || kafkaMetricsRefresh.toMillis() < 1) {
            throw new IllegalArgumentException("refresh intervals must be at least 1 ms, got " + representationRefresh
                    + " and " + kafkaMetricsRefresh);
        }
    }

    /** 512 rows estimate a rank up to H = 512; 15 s matches the Prometheus scrape interval of docker/. */
    public static final MetricsSettings DEFAULTS =
            new MetricsSettings(512, Duration.ofSeconds(15), Duration.ofSeconds(10));
}
