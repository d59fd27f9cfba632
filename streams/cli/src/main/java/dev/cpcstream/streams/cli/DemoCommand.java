package dev.cpcstream.streams.cli;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.app.AppStatus;
import dev.cpcstream.streams.app.CpcStreamsApp;
import dev.cpcstream.streams.broker.EmbeddedBroker;
import dev.cpcstream.streams.broker.ScratchDirectory;
import dev.cpcstream.streams.source.FrameProducer;
import dev.cpcstream.streams.source.FrameSource;
import dev.cpcstream.streams.source.Pacing;
import dev.cpcstream.streams.source.SampleStream;
import dev.cpcstream.streams.source.SourceFormat;
import dev.cpcstream.streams.topology.TopicNames;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole pipeline in one process: starts a Kafka broker (KRaft) in this JVM, creates the "
                + "topics, streams the source into the frames topic and runs the learner on it.",
                "Progress goes to stderr every 5 s. The run ends after --duration, when the source ends or on "
                        + "Ctrl-C; then the producer stops, every window still in flight gets its embedding, and ONE "
                        + "JSON summary line goes to stdout: framesIn, windows, embeddingsOut, dlq, trainSteps, "
                        + "firstLoss, lastLoss, chanceLoss, firstAccuracy, lastAccuracy, modelVersion, wallSeconds."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /**
     * How far the producer may run ahead of the trainer (unless paced by --realtime or --speed): two windows per
     * source, so that every source of a round-robin replay can complete its next window, and at least a few batches
     * in all. More only lengthens the drain at the end.
     */
    private static final int WINDOWS_AHEAD_PER_SOURCE = 2;
    private static final int MIN_WINDOWS_AHEAD = 32;
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
    /** Drain, close and broker shutdown after Ctrl-C, before the JVM exits regardless. */
    private static final Duration CLEANUP_DEADLINE = DRAIN_TIMEOUT.plusMinutes(1);

    private static final String STATE_PREFIX = "demo-state-";
    private static final String FALLBACK_STATE_PREFIX = "cpcstream-demo-state-";

    private static final Set<String> DEMO_KEYS = Set.of("bootstrap.servers", "state.dir", AppSettings.PRESET,
            AppSettings.METRICS_PORT, AppSettings.CHECKPOINT_DIR);

    @Mixin
    SourceOptions sourceOptions;

    @Mixin
    ModelOptions model;

    @Mixin
    AppOptions app;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Also keep checkpoints in DIR, and resume from the newest one there.")
    Path checkpointDir;

    @Option(names = "--broker-port", defaultValue = "0", paramLabel = "PORT",
            description = "Client port of the embedded broker on localhost (default: 0, any free port).")
    int brokerPort;

    @Option(names = "--metrics-port", defaultValue = "-1", paramLabel = "PORT",
            description = "Serve /metrics and /health on this port (0: any free port; default: -1, off).")
    int metricsPort;

    @Override
    public Integer call() throws Exception {
        Instant start = Instant.now();
        checkAppSettings();
        CpcConfig config = model.config();
        SourceFormat format = SourceFormat.of(config);
        // Files are read before anything starts, so a bad one costs no broker start-up.
        List<SampleStream> streams = sourceOptions.streams(format);
        Path stateDir = throwawayStateDirectory();
        try (ShutdownSignal signal = new ShutdownSignal(() -> { }, CLEANUP_DEADLINE)) {
            AppStatus last;
            try (EmbeddedBroker broker = EmbeddedBroker.start(brokerPort)) {
                last = learn(broker.bootstrapServers(), stateDir, streams, format, signal);
            } finally {
                Utils.delete(stateDir.toFile());
            }
            spec.commandLine().getOut().println(RunSummary.of(last, Duration.between(start, Instant.now())).json());
        }
        return 0;
    }

    private AppStatus learn(String bootstrap, Path stateDir, List<SampleStream> streams, SourceFormat format,
                            ShutdownSignal signal) throws Exception {
        AppSettings settings = AppSettings.fromProperties(appProperties(bootstrap, stateDir), Map.of());
        TopicNames topics = settings.topicNames();
        try (CpcStreamsApp app = new CpcStreamsApp(settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
             FrameProducer producer = new FrameProducer(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topics.frames())) {
            app.start();
            PrintWriter err = spec.commandLine().getErr();
            err.println("broker     " + bootstrap);
            err.println("topics     " + String.join(", ", topics.all()));
            Pacing pacing = sourceOptions.pacing();
            err.println("source     " + sourceOptions.source + (pacing.paced() ? ", " + pacing.speed() + "x real time"
                    : "") + ", preset " + model.preset);

            FrameSource frames = sourceOptions.frames(streams, format, 0);
            if (!pacing.paced()) {
                long framesPerWindow = ceilDiv(format.window(), frames.stepsPerFrame());
                long framesPerHop = ceilDiv(settings.modelConfig().hop(), frames.stepsPerFrame());
                pacing = pacing.withBackpressure(() -> framesLearnedFrom(app.status(), framesPerHop),
                        framesPerWindow * Math.max(MIN_WINDOWS_AHEAD, WINDOWS_AHEAD_PER_SOURCE * streams.size()));
            }
            Instant learningStart = Instant.now();
            ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "cpcstream-frame-producer"));
            try {
                Pacing chosen = pacing;
                Future<Map<String, Long>> sending = sender.submit(
                        () -> producer.run(frames, chosen, sourceOptions.deadline(learningStart)));
                ProgressWatch watch = new ProgressWatch(app, err, learningStart);
                watch.until(signal, sending::isDone);
                producer.stop();
                sending.get();
                app.drain(DRAIN_TIMEOUT);
                watch.printStatus();
            } finally {
                sender.shutdownNow();
            }
            return app.status();
        }
    }

    /**
     * Frames the learner is done with: read, and past the trainer too. Each window the trainer has not taken in yet
     * holds back a hop's worth of frames, so an unpaced source goes at the pace of training rather than of
     * embedding, and the trainer's core is not spent embedding windows it would pass over as stale.
     */
    private static long framesLearnedFrom(AppStatus status, long framesPerHop) {
        return status.framesIn() - framesPerHop * Math.max(0, status.windows() - status.trainerIntake());
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * Kafka Streams' local state, deleted when the demo ends, and by the next demo if this one is killed. Under the
     * user's cache directory rather than the OS temp directory, where Kafka Streams warns that a cleaner may delete it
     * mid-run; the temp directory only when there is no writable cache directory.
     */
    private static Path throwawayStateDirectory() throws IOException {
        String xdgCache = System.getenv("XDG_CACHE_HOME");
        Path cache = (xdgCache == null || xdgCache.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdgCache)).resolve("cpcstream");
        try {
            return ScratchDirectory.create(cache, STATE_PREFIX);
        } catch (IOException | SecurityException e) {
            return ScratchDirectory.create(Path.of(System.getProperty("java.io.tmpdir")), FALLBACK_STATE_PREFIX);
        }
    }

    /** --app's settings beside the ones the demo makes from its own options. */
    private Properties appProperties(String bootstrap, Path stateDir) {
        Properties p = app.properties();
        p.setProperty("bootstrap.servers", bootstrap);
        // A fresh broker every run: local state from an earlier demo would only be thrown away, noisily.
        p.setProperty("state.dir", stateDir.toString());
        p.setProperty("cpc.preset", model.preset);
        model.overrides.forEach((key, value) -> p.setProperty("cpc.model." + key, value));
        p.setProperty("cpc.metrics.port", Integer.toString(metricsPort));
        if (checkpointDir != null) {
            p.setProperty("cpc.checkpoint.dir", checkpointDir.toString());
        }
        return p;
    }

    /** Fails on a bad --app before the broker starts: a typo, or a key the demo sets from its own options. */
    private void checkAppSettings() {
        AppSettings.fromProperties(app.properties(), Map.of());
        app.settings.keySet().stream()
                .filter(key -> DEMO_KEYS.contains(key) || key.startsWith(AppSettings.MODEL_PREFIX))
                .findFirst().ifPresent(key -> {
                    throw new ParameterException(spec.commandLine(), "--app " + key + ": the demo sets it; use its "
                            + "own option (--preset, --set, --metrics-port, --checkpoint-dir)");
                });
    }
}
