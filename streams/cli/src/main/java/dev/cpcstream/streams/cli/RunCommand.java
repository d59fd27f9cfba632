package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.app.AppStatus;
import dev.cpcstream.streams.app.CpcStreamsApp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the learner against an existing Kafka cluster until Ctrl-C, then finish the windows in "
                + "flight, write a last checkpoint and print one JSON summary line (as demo does).",
                "The config file holds Kafka client settings (bootstrap.servers, security, ...) and cpcstream "
                        + "settings prefixed cpc. (cpc.preset, cpc.model.<key>, cpc.topic.prefix, "
                        + "cpc.checkpoint.dir, cpc.metrics.port, ...); environment variables override it."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CLEANUP_DEADLINE = DRAIN_TIMEOUT.plusMinutes(1);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "A .properties file.")
    Path config;

    @Mixin
    ClusterCheck cluster;

    @Override
    public Integer call() throws Exception {
        AppSettings settings = AppSettings.fromProperties(PropertiesFile.read(config), System.getenv());
        cluster.requireReachable("run", settings.adminProperties());
        Instant start = Instant.now();
        try (ShutdownSignal signal = new ShutdownSignal(() -> { }, CLEANUP_DEADLINE)) {
            AppStatus last;
            try (CpcStreamsApp app = new CpcStreamsApp(settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
                app.start();
                ProgressWatch watch = new ProgressWatch(app, spec.commandLine().getErr(), start);
                watch.until(signal, () -> app.failure().isPresent());
                app.failure().ifPresent(RunCommand::stop);
                app.drain(DRAIN_TIMEOUT);
                watch.printStatus();
                last = app.status();
            }
            spec.commandLine().getOut().println(RunSummary.of(last, Duration.between(start, Instant.now())).json());
        }
        return 0;
    }

    /** A failed stream thread has stopped the learner: say why in one line, rather than drain what cannot move. */
    private static void stop(Throwable failure) {
        String reason = KafkaRefusal.describe(failure, "--config")
                .map(refusal -> "Kafka refused the learner: " + refusal)
                .orElseGet(() -> "a stream thread failed: " + FailureMessage.of(failure).lines().findFirst()
                        .orElse("") + " (the stack trace is logged above)");
        throw new IllegalStateException(reason);
    }
}
