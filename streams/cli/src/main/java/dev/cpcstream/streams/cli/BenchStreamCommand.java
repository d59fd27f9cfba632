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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench-stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole pipeline against the bare model, in one run: an in-process broker, synthetic "
                + "sources and the application, measured per source count in up to four phases: unpaced with "
                + "training on (train), unpaced with a frozen model (embed-only), paced with training on (latency, "
                + "from a frame's append to the commit of its window's embedding), and the many-sources phase "
                + "(sources: a frozen model fed one total rate whatever the number of sources; CPU time per frame "
                + "and memory per source).",
                "Each phase prints one line to stderr; the table's figures and the bare model's go to --out as "
                        + "JSON, with the ratios pipeline / bare model and, for the sources phase, the CPU time per "
                        + "frame over that of 10 sources."})
final class BenchStreamCommand implements Callable<Integer> {

    private static final int BARE_STEPS = 10;
    private static final int BARE_WARMUP = 3;
    private static final int REFERENCE_SOURCES = 10;
    private static final List<String> PHASES = List.of("train", "embed-only", "latency", ManySourcesPhase.NAME);

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

    @Option(names = "--phases", split = ",", defaultValue = "train,embed-only,latency", paramLabel = "P[,P...]",
            description = "Phases to run per source count, of train, embed-only, latency and sources "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> phases;

    @Option(names = "--frame", defaultValue = "10ms", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Signal per frame (default: ${DEFAULT-VALUE}).")
    Duration frame;

    @Option(names = "--latency-speed", defaultValue = "10", paramLabel = "X",
            description = "Pace of the latency phase, all sources together, in multiples of real time "
                    + "(default: ${DEFAULT-VALUE}).")
    double latencySpeed;

    @Option(names = "--total-speed", defaultValue = "10", paramLabel = "X",
            description = "Pace of the sources phase, all sources together, in multiples of real time "
                    + "(default: ${DEFAULT-VALUE}).")
    double totalSpeed;

    @Option(names = "--prefill-limit", defaultValue = "120s", paramLabel = "TIME",
            converter = DurationConverter.class,
            description = "Longest wait of the sources phase for the application to take in the frames that spread "
                    + "the sources' windows in time, before its warm-up (default: ${DEFAULT-VALUE}).")
    Duration prefillLimit;

    /** Settings for every phase. */
    @Mixin
    AppOptions app;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Measure against this broker (e.g. `cpcstream broker` in another process) instead of one "
                    + "started in this process, so that the broker's share of the cores and memory is not the "
                    + "benchmark's.")
    String bootstrap;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path out;

    @Override
    public Integer call() throws Exception {
        for (String phase : phases) {
            if (!PHASES.contains(phase)) {
                throw new ParameterException(spec.commandLine(), "unknown phase '" + phase + "'; choose of "
                        + String.join(", ", PHASES));
            }
        }
        CpcConfig config = model.config();
        int batch = StreamSettings.defaults().batchWindows();
        AppSettings settings = AppSettings.fromProperties(app.properties(), Map.of());
        // the threads the application will use, so the bare model is timed as the pipeline runs it
        MathThreads.use(settings.effectiveMathThreads());
        boolean scoresNovelty = settings.stream().novelty().enabled();
        PrintWriter err = spec.commandLine().getErr();
        err.println("bare model, batch " + batch + " ...");
        BareStep bare = BareStep.time(config, batch, BARE_STEPS, BARE_WARMUP);
        List<PipelineResult> results = new ArrayList<>();
        List<ManySourcesResult> manySources = new ArrayList<>();
        if (bootstrap != null) {
            runPhases(bootstrap, results, manySources, err);
        } else {
            try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.FREE_PORT)) {
                runPhases(broker.bootstrapServers(), results, manySources, err);
            }
        }
        Map<String, Object> report = report(config, bare, scoresNovelty, results);
        report.put("many_sources", manySources(manySources));
        spec.commandLine().getOut().println(table(bare, scoresNovelty, results));
        manySources.forEach(result -> spec.commandLine().getOut().println(result.line()));
        if (out != null) {
            Json.write(out, report);
        }
        return 0;
    }

    private void runPhases(String bootstrapServers, List<PipelineResult> results,
                           List<ManySourcesResult> manySources, PrintWriter err) throws Exception {
        Duration span = Duration.ofSeconds(seconds);
        String run = BenchApp.newRunId();
        for (int sources : sourceCounts) {
            for (PipelinePhase phase : pipelinePhases(run, sources)) {
                results.add(phase.run(bootstrapServers, model, warmUp, span, err));
            }
            if (phases.contains(ManySourcesPhase.NAME)) {
                manySources.add(new ManySourcesPhase(run, sources, totalSpeed, frame, app.settings)
                        .run(bootstrapServers, model, prefillLimit, warmUp, span, err));
            }
        }
    }

    private List<PipelinePhase> pipelinePhases(String run, int sources) {
        List<PipelinePhase> selected = new ArrayList<>();
        for (PipelinePhase phase : List.of(
                new PipelinePhase(run, "train", sources, Pacing.unpaced(), true, frame, app.settings),
                new PipelinePhase(run, "embed-only", sources, Pacing.unpaced(), false, frame, app.settings),
                new PipelinePhase(run, "latency", sources, Pacing.atSpeed(latencySpeed / sources), true, frame,
                        app.settings))) {
            if (phases.contains(phase.name())) {
                selected.add(phase);
            }
        }
        return selected;
    }

    /** Each count's result with its CPU time per frame over that of {@value #REFERENCE_SOURCES} sources. */
    private static List<Map<String, Object>> manySources(List<ManySourcesResult> results) {
        Double reference = results.stream().filter(r -> r.sources() == REFERENCE_SOURCES)
                .map(ManySourcesResult::cpuUsPerFrame).findFirst().orElse(null);
        List<Map<String, Object>> out = new ArrayList<>();
        for (ManySourcesResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("result", r);
            m.put("cpu_per_frame_vs_10_sources", reference == null ? null : r.cpuUsPerFrame() / reference);
            out.add(m);
        }
        return out;
    }

    private Map<String, Object> report(CpcConfig config, BareStep bare, boolean scoresNovelty,
                                       List<PipelineResult> results) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("preset", config.preset());
        r.put("nproc", Runtime.getRuntime().availableProcessors());
        r.put("frame_ms", frame.toMillis());
        r.put("broker", bootstrap == null ? "in-process" : bootstrap);
        r.put("app_settings", app.settings);
        r.put("bare", Map.of("batch", bare.batch(), "train_ms", bare.trainMs(), "infer_ms", bare.inferMs(),
                "infer_with_own_frame_losses_ms", bare.scoredMs(), "train_windows_per_s", bare.trainWindowsPerSecond(),
                "infer_windows_per_s", bare.inferWindowsPerSecond(),
                "infer_with_own_frame_losses_windows_per_s", bare.scoredWindowsPerSecond()));
        r.put("scores_novelty", scoresNovelty);
        List<Map<String, Object>> phases = new ArrayList<>();
        for (PipelineResult p : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("result", p);
            double ratio = vsBare(p, bare, scoresNovelty);
            m.put("train_vs_bare", p.training() ? ratio : null);
            m.put("embed_vs_bare", p.training() ? null : ratio);
            phases.add(m);
        }
        r.put("phases", phases);
        return r;
    }

    private static String table(BareStep bare, boolean scoresNovelty, List<PipelineResult> results) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "bare model: train %.1f windows/s (%.0f ms a batch of %d), embed %.1f windows/s, "
                        + "with own-frame losses %.1f%n",
                bare.trainWindowsPerSecond(), bare.trainMs(), bare.batch(), bare.inferWindowsPerSecond(),
                bare.scoredWindowsPerSecond()));
        for (PipelineResult p : results) {
            t.append(p.line()).append(String.format(Locale.ROOT, "  %.2f of bare %s%n", vsBare(p, bare, scoresNovelty),
                    p.training() ? "training" : "embedding"));
        }
        return t.toString();
    }

    /**
     * A phase's throughput over the bare model's: windows trained over the bare step's, or windows embedded over the
     * bare forward that computes what the application does per window (with the own-frame loss when it scores
     * novelty).
     */
    private static double vsBare(PipelineResult p, BareStep bare, boolean scoresNovelty) {
        return p.training() ? p.trainedPerSecond() / bare.trainWindowsPerSecond()
                : p.embeddingsPerSecond() / bare.embedWindowsPerSecond(scoresNovelty);
    }
}
