package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docker/docker-compose.yml parses with a real Compose implementation, everything it and the Dockerfile take from
 * the repository exists, and the services agree with each other (ports, paths, topics, preset). No Docker engine is
 * needed, so this runs wherever the build does.
 */
class DockerDeploymentTest {

    private static final ExternalTool COMPOSE =
            new ExternalTool("docker-compose", "Debian/Ubuntu: apt-get install docker-compose");
    private static final Pattern BIND_MOUNT = Pattern.compile("^\\s*- (/[^:]+):([^:]+)(:\\w+)?$");
    private static final Pattern BUILD_KEY = Pattern.compile("^\\s*(context|dockerfile): (\\S+)$");
    private static final Pattern COPY_FROM_CONTEXT = Pattern.compile("^COPY (?!--from)(\\S+) ");

    @BeforeEach
    void needsCompose() {
        COMPOSE.assumeInstalled();
    }

    @Test
    void composeFileIsValid() throws Exception {
        ExternalTool.Result result = compose("config", "--quiet");

        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void everyMountedPathExists() throws Exception {
        Map<Path, String> mounts = bindMounts();

        assertTrue(mounts.size() >= 7, "bind mounts found: " + mounts);
        for (Path path : mounts.keySet()) {
            assertTrue(Files.exists(path), "docker-compose mounts " + path + ", which is not in the repository");
        }
    }

    @Test
    void grafanaFindsTheDashboardsWhereTheyAreMounted() throws Exception {
        Path dashboards = MonitoringFiles.DASHBOARD.getParent().toAbsolutePath().normalize();
        String provider = Files.readString(MonitoringFiles.DASHBOARD_PROVIDER);

        String target = bindMounts().get(dashboards);
        assertTrue(target != null, dashboards + " is mounted into Grafana");
        assertTrue(provider.contains("path: " + target), "the provider reads " + target + ":\n" + provider);
    }

    @Test
    void prometheusScrapesTheAppWhereItServesMetrics() throws Exception {
        Properties app = appProperties();

        assertEquals("0.0.0.0", app.getProperty("cpc.metrics.address"), "reachable from the Prometheus container");
        assertTrue(Files.readString(MonitoringFiles.PROMETHEUS_CONFIG)
                .contains("\"app:" + app.getProperty("cpc.metrics.port") + "\""), "the scrape target is app's port");
    }

    @Test
    void buildContextDockerfileAndWhatItCopiesExist() throws Exception {
        Path context = null;
        String dockerfile = null;
        for (String line : normalisedCompose()) {
            Matcher m = BUILD_KEY.matcher(line);
            if (m.matches() && m.group(1).equals("context")) {
                context = Path.of(m.group(2));
            } else if (m.matches()) {
                dockerfile = m.group(2);
            }
        }
        assertTrue(context != null && dockerfile != null, "the app is built from this repository");

        Path file = context.resolve(dockerfile);
        assertTrue(Files.isRegularFile(file), file + " exists");
        for (String line : Files.readAllLines(file)) {
            Matcher copy = COPY_FROM_CONTEXT.matcher(line);
            if (copy.find() && !copy.group(1).equals(".")) {
                assertTrue(Files.exists(context.resolve(copy.group(1))), "the Dockerfile copies " + copy.group(1));
            }
        }
    }

    @Test
    void producerSendsWhatTheAppReads() throws Exception {
        Properties app = appProperties();
        String compose = Files.readString(MonitoringFiles.COMPOSE);

        assertEquals(app.getProperty("bootstrap.servers"), producerOption(compose, "bootstrap"));
        assertEquals(app.getProperty("cpc.topic.prefix"), producerOption(compose, "topic-prefix"));
        assertEquals(app.getProperty("cpc.preset"), producerOption(compose, "preset"), "frames in the app's format");
    }

    private static String producerOption(String compose, String option) {
        Matcher m = Pattern.compile("(?m)^\\s*- --" + Pattern.quote(option) + "=(\\S+)$").matcher(compose);
        assertTrue(m.find(), "the producer is given --" + option);
        return m.group(1);
    }

    private static Properties appProperties() throws Exception {
        Properties app = new Properties();
        try (Reader in = Files.newBufferedReader(MonitoringFiles.APP_PROPERTIES)) {
            app.load(in);
        }
        return app;
    }

    /** Host path to container path of every bind mount, from the {@code volumes:} lists of the services. */
    private static Map<Path, String> bindMounts() throws Exception {
        Map<Path, String> mounts = new LinkedHashMap<>();
        boolean inVolumes = false;
        for (String line : normalisedCompose()) {
            if (line.matches("^\\s+volumes:$")) {
                inVolumes = true;
            } else if (inVolumes && line.matches("^\\s+- .*")) {
                Matcher bind = BIND_MOUNT.matcher(line);
                if (bind.matches()) {
                    mounts.put(Path.of(bind.group(1)), bind.group(2));
                }
            } else {
                inVolumes = false;
            }
        }
        return mounts;
    }

    /** The compose file as docker-compose resolves it: anchors merged, paths absolute, defaults filled in. */
    private static List<String> normalisedCompose() throws Exception {
        ExternalTool.Result result = compose("config");
        assertEquals(0, result.exitCode(), result.output());
        return result.output().lines().toList();
    }

    /** docker-compose with our compose file, from the repository root as a user would run it. */
    private static ExternalTool.Result compose(String... arguments) throws Exception {
        String[] all = new String[arguments.length + 2];
        all[0] = "-f";
        all[1] = MonitoringFiles.COMPOSE_IN_REPOSITORY;
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return COMPOSE.run(MonitoringFiles.REPOSITORY, all);
    }
}
