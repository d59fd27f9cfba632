package dev.cpcstream.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The monitoring files of the repository, and the PromQL expressions in them. Paths are from monitoring/. */
final class MonitoringFiles {

    static final Path DASHBOARD = Path.of("grafana/dashboards/cpcstream.json");
    static final Path ALERTS = Path.of("prometheus/alerts.yml");
    static final Path ALERT_TESTS = Path.of("prometheus/alerts_test.yml");
    static final Path PROMETHEUS_CONFIG = Path.of("prometheus/prometheus.yml");
    static final Path DATASOURCES = Path.of("grafana/provisioning/datasources/prometheus.yml");
    static final Path DASHBOARD_PROVIDER = Path.of("grafana/provisioning/dashboards/cpcstream.yml");
    static final Path REPOSITORY = Path.of("..");
    static final String COMPOSE_IN_REPOSITORY = "docker/docker-compose.yml";
    static final Path COMPOSE = REPOSITORY.resolve(COMPOSE_IN_REPOSITORY);
    static final Path APP_PROPERTIES = REPOSITORY.resolve("docker/app.properties");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(([^,)]+)");
    private static final Pattern EXPR_LINE = Pattern.compile("^(\\s*)-?\\s*expr:\\s*(.*)$");

    private MonitoringFiles() {
    }

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    /** Every panel query, and the metric of every {@code label_values(metric, label)} variable query. */
    static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = dashboard();
        for (JsonNode expr : dashboard.findValues("expr")) {
            expressions.add(expr.asText());
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(variable.path("query").path("query").asText());
            if (m.find()) {
                expressions.add(m.group(1));
            }
        }
        return expressions;
    }

    /**
     * The {@code expr} of every rule in alerts.yml, written either on the key's line or as a block scalar
     * ({@code expr: |}) on the more indented lines that follow it.
     */
    static List<String> alertExpressions() throws IOException {
        List<String> lines = Files.readAllLines(ALERTS);
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXPR_LINE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).trim();
            if (!value.matches("[|>][-+]?")) {
                expressions.add(value);
                continue;
            }
            StringBuilder block = new StringBuilder();
            int keyIndent = m.group(1).length();
            while (i + 1 < lines.size() && indent(lines.get(i + 1)) > keyIndent) {
                block.append(lines.get(++i).trim()).append('\n');
            }
            expressions.add(block.toString());
        }
        return expressions;
    }

    private static int indent(String line) {
        return line.isBlank() ? Integer.MAX_VALUE : line.length() - line.stripLeading().length();
    }
}
