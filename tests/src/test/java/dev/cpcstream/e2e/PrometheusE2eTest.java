package dev.cpcstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.app.CpcStreamsApp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment's monitoring path with nothing mocked: the learner trains on the shared broker and serves
 * /metrics on a free port, a real Prometheus scrapes it every second with the project's alert rules loaded, and
 * its query API returns the training loss.
 */
@ExtendWith(SharedBroker.class)
class PrometheusE2eTest {

    private static final int SOURCES = 4;
    /** 100 tiny windows (4 frames) per source: enough for several training steps. */
    private static final long FRAMES_PER_SOURCE = 100 * 4;
    private static final Duration SCRAPED_WITHIN = Duration.ofSeconds(60);
    private static final Path ALERT_RULES = Path.of("..", "monitoring", "prometheus", "alerts.yml");

    @Test
    void prometheusScrapesTheTrainingLoss(@TempDir Path stateDir, @TempDir Path prometheusDir) throws Exception {
        Deployment deployment = new Deployment("prometheus", stateDir, Map.of(AppSettings.METRICS_PORT, "0"));
        SyntheticFeed feed = new SyntheticFeed(deployment.model(), SOURCES);
        try (CpcStreamsApp app = new CpcStreamsApp(deployment.settings(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            app.start();
            InetSocketAddress metrics = app.metricsAddress().orElseThrow();
            feed.send(deployment, FRAMES_PER_SOURCE);
            try (PrometheusServer prometheus = PrometheusServer.start(prometheusDir, metrics, ALERT_RULES)) {
                double loss = prometheus.awaitSample("cpc_loss", Double::isFinite, SCRAPED_WITHIN);
                double chance = prometheus.awaitSample("cpc_loss_chance", Double::isFinite, SCRAPED_WITHIN);
                double steps = prometheus.awaitSample("cpc_train_steps_total", n -> n > 0, SCRAPED_WITHIN);

                assertTrue(loss > 0, "InfoNCE loss " + loss);
                assertTrue(chance > 0, "chance loss " + chance);
                assertTrue(steps > 0);
                assertEquals(1, prometheus.awaitSample("up{job=\"" + PrometheusServer.JOB + "\"}", up -> up == 1,
                        SCRAPED_WITHIN));
                assertRulesEvaluateWithoutError(prometheus);
            }
        }
    }

    /** Prometheus loaded the project's alert rules and evaluates them on the scraped series without error. */
    private static void assertRulesEvaluateWithoutError(PrometheusServer prometheus) throws Exception {
        JsonNode groups = prometheus.ruleGroups();
        assertFalse(groups.isEmpty(), "no rule groups loaded from " + ALERT_RULES);
        List<String> failing = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.path("health").asText().equals("err")) {
                    failing.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
                }
            }
        }
        assertTrue(failing.isEmpty(), "alert rules failing in Prometheus: " + failing);
    }
}
