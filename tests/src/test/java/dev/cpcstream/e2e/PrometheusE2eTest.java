package dev.cpcstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.app.AppStatus;
import dev.cpcstream.streams.app.CpcStreamsApp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The deployment's monitoring path with nothing mocked: the learner trains on the shared broker and serves
 * /metrics on a free port, a real Prometheus scrapes it every second with the project's alert rules loaded, and
 * what its query API answers after the run is what the application counted.
 */
@ExtendWith(SharedBroker.class)
class PrometheusE2eTest {

    private static final int SOURCES = 4;
    /** 100 tiny windows (4 frames) per source: enough for several training steps. */
    private static final long FRAMES_PER_SOURCE = 100 * 4;
    private static final Duration DRAIN = Duration.ofMinutes(2);
    private static final Duration SCRAPED_WITHIN = Duration.ofSeconds(60);
    /** Longer than the whole run, so a range query returns every scrape of it. */
    private static final Duration WHOLE_RUN = Duration.ofMinutes(30);
    private static final Path ALERT_RULES = Path.of("..", "monitoring", "prometheus", "alerts.yml");
    /** The lines of a rule file that name a group or an alert. */
    private static final Pattern GROUP_OR_ALERT = Pattern.compile("^\\s*- (name|alert): (\\S+)\\s*$");
    private static final String UP = "up{job=\"" + PrometheusServer.JOB + "\"}";

    @Test
    void prometheusScrapesWhatTheLearnerCounted(@TempDir Path stateDir, @TempDir Path prometheusDir)
            throws Exception {
        Deployment deployment = new Deployment("prometheus", stateDir, Map.of(AppSettings.METRICS_PORT, "0"));
        CpcConfig model = deployment.model();
        SyntheticFeed feed = new SyntheticFeed(model, SOURCES);
        try (CpcStreamsApp app = new CpcStreamsApp(deployment.settings(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            app.start();
            InetSocketAddress metrics = app.metricsAddress().orElseThrow();
            try (PrometheusServer prometheus = PrometheusServer.start(prometheusDir, metrics, ALERT_RULES)) {
                // A scrape of the running app before the feed, so the counters' history has a point besides the
                // one after the drain, however fast the run.
                prometheus.awaitSample("cpc_frames_in_total", frames -> frames >= 0, SCRAPED_WITHIN);
                Map<String, Long> sent = feed.send(deployment, FRAMES_PER_SOURCE);
                app.drain(DRAIN);
                AppStatus status = app.status();
                double drainedAt = System.currentTimeMillis() / 1000.0;
                // Only a scrape that started after the drain must show the final counts.
                prometheus.awaitSample("timestamp(" + UP + ")", scrapedAt -> scrapedAt > drainedAt, SCRAPED_WITHIN);

                assertEquals(1, prometheus.value(UP), "up: the last scrape succeeded");
                int windows = WindowKeys.expected(sent, feed.stepsPerFrame(), model).size();
                assertScrapedAsCounted(prometheus, status, windows);
                assertAccuracyPerStepIsLabelled(prometheus, model.stepsAhead(), PrometheusServer.instance(metrics));
                for (String counter : List.of("cpc_frames_in_total", "cpc_embeddings_out_total",
                        "cpc_train_steps_total")) {
                    assertNeverDecreased(prometheus, counter);
                }
                assertRulesLoadedAndEvaluateWithoutError(prometheus);
            }
        }
    }

    /** The last scrape's counters and gauges are the application's own figures for the run. */
    private static void assertScrapedAsCounted(PrometheusServer prometheus, AppStatus status, int windows)
            throws Exception {
        assertEquals(SOURCES * FRAMES_PER_SOURCE, prometheus.value("cpc_frames_in_total"), "cpc_frames_in_total");
        assertEquals(windows, prometheus.value("cpc_windows_total"), "cpc_windows_total");
        assertEquals(windows, prometheus.value("cpc_embeddings_out_total"), "cpc_embeddings_out_total");
        assertTrue(prometheus.value("cpc_train_steps_total") > 0, "cpc_train_steps_total");
        assertEquals(status.trainSteps(), prometheus.value("cpc_train_steps_total")
                + prometheus.value("cpc_train_steps_skipped_total"), "steps applied and skipped");
        assertEquals(status.modelVersion(), prometheus.value("cpc_train_steps_total"),
                "a fresh model: one version per applied step");
        assertEquals(status.modelVersion(), prometheus.value("cpc_model_version") + 1,
                "cpc_model_version: the weights the last step ran with, one update before the learner's current ones");
        assertEquals(status.chanceLoss(), prometheus.value("cpc_loss_chance"), 1e-9, "cpc_loss_chance: ln(N + 1)");
        double loss = prometheus.value("cpc_loss");
        assertTrue(loss > 0 && Double.isFinite(loss), "cpc_loss " + loss);
    }

    /** One accuracy series for each prediction step k = 1..K, of this target and job, each a fraction. */
    private static void assertAccuracyPerStepIsLabelled(PrometheusServer prometheus, int stepsAhead, String instance)
            throws Exception {
        Set<String> ks = new TreeSet<>();
        for (JsonNode series : prometheus.series("cpc_accuracy_per_step")) {
            JsonNode labels = series.path("metric");
            ks.add(labels.path("k").asText());
            assertEquals(PrometheusServer.JOB, labels.path("job").asText(), series.toString());
            assertEquals(instance, labels.path("instance").asText(), series.toString());
            double accuracy = series.path("value").path(1).asDouble(Double.NaN);
            assertTrue(accuracy >= 0 && accuracy <= 1, series.toString());
        }
        assertEquals(IntStream.rangeClosed(1, stepsAhead).mapToObj(Integer::toString)
                .collect(Collectors.toCollection(TreeSet::new)), ks, "the k labels of cpc_accuracy_per_step");
    }

    /** A counter seen by every scrape of the run, including those while it trained, only ever went up. */
    private static void assertNeverDecreased(PrometheusServer prometheus, String counter) throws Exception {
        List<Double> scraped = prometheus.history(counter, WHOLE_RUN);
        assertTrue(scraped.size() >= 2, counter + " scraped " + scraped.size() + " times");
        for (int i = 1; i < scraped.size(); i++) {
            if (scraped.get(i) < scraped.get(i - 1)) {
                fail(counter + " went down between two scrapes: " + scraped);
            }
        }
    }

    /** Prometheus loaded every group and alert of the project's rule file and evaluates them without error. */
    private static void assertRulesLoadedAndEvaluateWithoutError(PrometheusServer prometheus) throws Exception {
        Set<String> loaded = new TreeSet<>();
        List<String> failing = new ArrayList<>();
        for (JsonNode group : prometheus.ruleGroups()) {
            for (JsonNode rule : group.path("rules")) {
                loaded.add(group.path("name").asText() + "/" + rule.path("name").asText());
                if (rule.path("health").asText().equals("err")) {
                    failing.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
                }
            }
        }
        assertEquals(alertsIn(ALERT_RULES), loaded, "group/alert loaded from " + ALERT_RULES);
        assertTrue(failing.isEmpty(), "alert rules failing in Prometheus: " + failing);
    }

    /** group/alert of every alert in a rule file, read from its {@code - name:} and {@code - alert:} lines. */
    private static Set<String> alertsIn(Path ruleFile) throws IOException {
        Set<String> alerts = new TreeSet<>();
        String group = null;
        for (String line : Files.readAllLines(ruleFile)) {
            Matcher m = GROUP_OR_ALERT.matcher(line);
            if (m.matches() && m.group(1).equals("name")) {
                group = m.group(2);
            } else if (m.matches()) {
                alerts.add(group + "/" + m.group(2));
            }
        }
        return alerts;
    }
}
