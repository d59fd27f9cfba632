package dev.cpcstream.streams.cli;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.bench.BareStep;
import dev.cpcstream.model.nd4j.MathThreads;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.broker.EmbeddedBroker;
import dev.cpcstream.streams.eval.Json;
import dev.cpcstream.streams.source.Pacing;
import dev.cpcstream.streams.topology.StreamSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "bench-stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole pipeline against the bare model, in one run: an in-process broker, synthetic "
                + "sources and the application, measured per source count in three phases: unpaced with training "
                + "on (train), unpaced with a frozen model (embed-only), and paced with training on (latency, "
                + "from a frame's append to the commit of its window's embedding).",
                "Each phase prints one line to stderr; the table's figures and the bare model's go to --out as "
                        + "JSON, with the ratios pipeline / bare model."})
final class BenchStreamCommand implements Callable<Integer> {

    private static final int BARE_STEPS = 10;
    private static final int BARE_WARMUP = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--sources", split = ",", defaultValue = "10", paramLabel = "N[,N...]",
            description = "Concurrent synthetic sources; the phases run once per count (default: ${DEFAULT-VALUE}).")
    List<Integer> sourceCounts;

    @Option(names = "--seconds", defaultValue = "30", paramLabel = "S",
            description = "Measured seconds per phase, after a warm-up (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warm-up", defaultValue = "10s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Unmeasured time at the start of each phase (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--latency-speed", defaultValue = "10", paramLabel = "X",
            description = "Pace of the latency phase, in multiples of real time (default: ${DEFAULT-VALUE}).")
    double latencySpeed;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path out;

    @Override
    public Integer call() throws Exception {
        CpcConfig config = model.config();
        int batch = StreamSettings.defaults().batchWindows();
        // the threads the application will use, so the bare model is timed as the pipeline runs it
        MathThreads.use(AppSettings.fromProperties(new Properties(), Map.of()).effectiveMathThreads());
        PrintWriter err = spec.commandLine().getErr();
        err.println("bare model, batch " + batch + " ...");
        BareStep bare = BareStep.time(config, batch, BARE_STEPS, BARE_WARMUP);
        List<PipelineResult> results = new ArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.FREE_PORT)) {
            for (int sources : sourceCounts) {
                for (PipelinePhase phase : List.of(
                        new PipelinePhase("train", sources, Pacing.unpaced(), true),
                        new PipelinePhase("embed-only", sources, Pacing.unpaced(), false),
                        new PipelinePhase("latency", sources, Pacing.atSpeed(latencySpeed), true))) {
                    results.add(phase.run(broker.bootstrapServers(), model, warmUp, Duration.ofSeconds(seconds),
                            err));
                }
            }
        }
        Map<String, Object> report = report(config, bare, results);
        spec.commandLine().getOut().println(table(bare, results));
        if (out != null) {
            Json.write(out, report);
        }
        return 0;
    }

    private Map<String, Object> report(CpcConfig config, BareStep bare, List<PipelineResult> results) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("preset", config.preset());
        r.put("nproc", Runtime.getRuntime().availableProcessors());
        r.put("bare", Map.of("batch", bare.batch(), "train_ms", bare.trainMs(), "infer_ms", bare.inferMs(),
                "train_windows_per_s", bare.trainWindowsPerSecond(),
                "infer_windows_per_s", bare.inferWindowsPerSecond()));
        List<Map<String, Object>> phases = new ArrayList<>();
        for (PipelineResult p : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("result", p);
            m.put("train_vs_bare", p.training() ? p.trainedPerSecond() / bare.trainWindowsPerSecond() : null);
            m.put("embed_vs_bare", p.training() ? null : p.embeddingsPerSecond() / bare.inferWindowsPerSecond());
            phases.add(m);
        }
        r.put("phases", phases);
        return r;
    }

    private static String table(BareStep bare, List<PipelineResult> results) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "bare model: train %.1f windows/s (%.0f ms a batch of %d), embed %.1f windows/s%n",
                bare.trainWindowsPerSecond(), bare.trainMs(), bare.batch(), bare.inferWindowsPerSecond()));
        for (PipelineResult p : results) {
            double ratio = p.training() ? p.trainedPerSecond() / bare.trainWindowsPerSecond()
                    : p.embeddingsPerSecond() / bare.inferWindowsPerSecond();
            t.append(p.line()).append(String.format(Locale.ROOT, "  %.2f of bare %s%n", ratio,
                    p.training() ? "training" : "embedding"));
        }
        return t.toString();
    }
}
