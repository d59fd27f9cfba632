package dev.cpcstream.streams.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Maintenance: the picture of the Grafana dashboard in monitoring/README.md, for machines without Grafana. Scrapes a
 * running application's /metrics every second and draws the dashboard's main panels from the scraped series.
 */
@Command(name = "dashboard-snapshot", hidden = true, mixinStandardHelpOptions = true,
        description = {"Scrape a running cpcstream's /metrics every second for --seconds, then draw the main panels "
                + "of the Grafana dashboard (loss against chance, accuracy by k, effective rank, alignment and "
                + "uniformity, throughput, event-time lag) from those samples into one PNG."})
final class DashboardSnapshotCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardSnapshotCommand.class);
    /** As the Prometheus of the end-to-end test scrapes; the deployment's 15 s would give a handful of points. */
    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--metrics", paramLabel = "URL", defaultValue = "http://127.0.0.1:9404/metrics",
            description = "The /metrics endpoint (default: ${DEFAULT-VALUE}).")
    URI metrics;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "90",
            description = "How long to scrape (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "The picture to write.")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ScrapedSeries scraped = new ScrapedSeries();
        HttpClient http = HttpClient.newBuilder().connectTimeout(SCRAPE_INTERVAL).build();
        Instant first = null;
        Instant end = Instant.now().plusSeconds(seconds);
        for (Instant next = Instant.now(); next.isBefore(end); next = next.plus(SCRAPE_INTERVAL)) {
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), next).toMillis()));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics)
                        .timeout(SCRAPE_INTERVAL.multipliedBy(5)).build(), HttpResponse.BodyHandlers.ofString());
                Instant now = Instant.now();
                first = first == null ? now : first;
                if (response.statusCode() == 200) {
                    scraped.add(Duration.between(first, now).toMillis() / 1000.0, response.body());
                } else {
                    LOG.warn("{} answered {}; skipping this scrape", metrics, response.statusCode());
                }
            } catch (IOException e) {
                // Before the application listens, or after it stopped: a gap, as in Prometheus.
                LOG.warn("cannot scrape {}: {}", metrics, e.toString());
            }
        }
        if (scraped.size() < 2) {
            throw new IllegalStateException("fewer than two scrapes of " + metrics + " succeeded in " + seconds
                    + " s: is the application running with its metrics port open (demo --metrics-port PORT)?");
        }
        DashboardPanels.write(out, "cpcstream: " + metrics + " scraped every " + SCRAPE_INTERVAL.toSeconds()
                + " s for " + seconds + " s (" + scraped.size() + " scrapes)", scraped);
        spec.commandLine().getErr().println("wrote " + out + " from " + scraped.size() + " scrapes");
        return 0;
    }
}
