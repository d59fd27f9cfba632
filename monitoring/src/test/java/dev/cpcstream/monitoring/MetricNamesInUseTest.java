package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cpcstream.schemas.DeadLetterReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Grafana dashboard and the alert rules query is exported: renaming a meter, or a query's typo,
 * fails the build instead of leaving an empty panel or an alert that can never fire.
 *
 * <p>The exporter is the real one, fed one event of each kind, with a real Kafka Streams client bound. The client
 * is constructed and never started (its bootstrap address is a closed port): Kafka Streams registers its client,
 * thread, consumer and producer metrics at construction. Task-level metrics only appear once tasks are assigned,
 * which needs a broker, so the dashboard and the alerts do not depend on them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricNamesInUseTest {

    /** Series Prometheus makes itself for every target, not the application. */
    private static final Set<String> SYNTHESIZED_BY_PROMETHEUS = Set.of("up");

    private MonitoredApp app;
    private KafkaStreams streams;
    private Set<String> exportedAtStart;
    private Set<String> exported;

    @BeforeAll
    void exportEveryKindOfMetric(@TempDir Path stateDir) throws Exception {
        app = new MonitoredApp();
        streams = unconnectedKafkaStreams(stateDir);
        app.metrics.bindKafkaStreams(streams);
        exportedAtStart = app.scrape().names();
        app.metrics.trainStep(TrainResults.step(true, 4.0, 1, 0.5, 0.25), 1_000_000);
        app.metrics.learningRate(1e-3);
        app.metrics.embeddings(Gaussian.rows(new Random(1), 8, 4));
        app.metrics.refreshRepresentationHealth();
        app.metrics.framesIn(1);
        app.metrics.window();
        app.metrics.embeddingOut(10);
        app.metrics.inference(1, 1_000_000);
        app.metrics.deadLetter(DeadLetterReason.BAD_LENGTH);
        app.metrics.duplicate();
        app.metrics.gap();
        app.metrics.reordered();
        app.metrics.checkpoint(1, System.currentTimeMillis());
        app.metrics.snapshotSeen(2);
        app.metrics.weightsInUse(1);
        app.metrics.snapshotRefused();
        app.metrics.noveltyScored(0.5, true);
        exported = scrapeAfterAGarbageCollection();
    }

    @AfterAll
    void stop() {
        app.close();
        streams.close();
    }

    @Test
    void everyMetricOfTheDashboardIsExported() throws Exception {
        assertAllExported(MonitoringFiles.dashboardExpressions(), "dashboard " + MonitoringFiles.DASHBOARD);
    }

    @Test
    void everyMetricOfTheAlertRulesIsExported() throws Exception {
        List<String> expressions = MonitoringFiles.alertExpressions();
        assertEquals(17, expressions.size(), "one expression per alert rule of " + MonitoringFiles.ALERTS);
        assertAllExported(expressions, "alert rules " + MonitoringFiles.ALERTS);
    }

    /**
     * A counter that appeared only with its first event would leave rate() and increase() without a series on a
     * healthy run, so an alert on it could never fire and a panel would show "no data" instead of 0.
     */
    @Test
    void everyCounterTheDashboardAndAlertsQueryIsExportedBeforeItsFirstEvent() throws Exception {
        List<String> expressions = new ArrayList<>(MonitoringFiles.dashboardExpressions());
        expressions.addAll(MonitoringFiles.alertExpressions());
        Set<String> counters = new TreeSet<>();
        expressions.forEach(e -> PromQlNames.in(e).stream().filter(n -> n.endsWith("_total")).forEach(counters::add));
        assertTrue(counters.contains("cpc_dead_letters_total"), "queried counters: " + counters);
        Set<String> missing = new TreeSet<>(counters);
        missing.removeAll(exportedAtStart);
        assertEquals(Set.of(), missing, "counters queried but absent until their first event");
    }

    private void assertAllExported(List<String> expressions, String where) {
        Set<String> queried = new TreeSet<>();
        expressions.forEach(e -> queried.addAll(PromQlNames.in(e)));
        queried.removeAll(SYNTHESIZED_BY_PROMETHEUS);
        assertTrue(queried.size() > 10, "found metric names in " + where + ": " + queried);
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, "queried by the " + where + " but not exported");
    }

    /** GC pause meters exist only after the first collection; ask for one rather than hope for it. */
    private Set<String> scrapeAfterAGarbageCollection() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            Set<String> names = app.scrape().names();
            if (names.contains("jvm_gc_pause_seconds_count")) {
                return names;
            }
            System.gc();
            Thread.sleep(100);
        }
        throw new AssertionError("no GC pause was ever reported");
    }

    private static KafkaStreams unconnectedKafkaStreams(Path stateDir) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("frames").to("embeddings");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "metric-names-in-use");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir).toString());
        return new KafkaStreams(builder.build(), config);
    }
}
