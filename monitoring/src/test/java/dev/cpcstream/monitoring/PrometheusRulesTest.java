package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prometheus' own checker accepts the config and the rules, and the alerts behave as alerts_test.yml says. */
class PrometheusRulesTest {

    private static final ExternalTool PROMTOOL =
            new ExternalTool("promtool", "Debian/Ubuntu: apt-get install prometheus");
    private static final Path DIRECTORY = MonitoringFiles.ALERTS.getParent();

    @BeforeEach
    void needsPromtool() {
        PROMTOOL.assumeInstalled();
    }

    @Test
    void alertRulesAreValid() throws Exception {
        assertSucceeds(PROMTOOL.run(DIRECTORY, "check", "rules", fileName(MonitoringFiles.ALERTS)));
    }

    @Test
    void configIsValidAndFindsTheRules() throws Exception {
        assertSucceeds(PROMTOOL.run(DIRECTORY, "check", "config", fileName(MonitoringFiles.PROMETHEUS_CONFIG)));
    }

    @Test
    void alertsFireAsTheirUnitTestsExpect() throws Exception {
        assertSucceeds(PROMTOOL.run(DIRECTORY, "test", "rules", fileName(MonitoringFiles.ALERT_TESTS)));
    }

    private static String fileName(Path path) {
        return path.getFileName().toString();
    }

    private static void assertSucceeds(ExternalTool.Result result) {
        assertEquals(0, result.exitCode(), result.output());
    }
}
