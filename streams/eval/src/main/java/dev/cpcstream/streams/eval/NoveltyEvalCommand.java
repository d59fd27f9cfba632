package dev.cpcstream.streams.eval;

import dev.cpcstream.model.novelty.NoveltySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "novelty-eval", mixinStandardHelpOptions = true,
        description = {"Measures the novelty score on generated streams whose sources switch, at a known window, to "
                + "a signal they never produced: audio sources (HMM sines) switching to another generator or to "
                + "noise, and 6-axis sensor sources (walking) whose ax axis gets stuck or clipped, or that start "
                + "running. A model trains on the normal signals, an embedding learner follows its snapshot and "
                + "embeds every window as the application does; each score term, the untrained model's and a "
                + "log-mel baseline (distance to the source's running mean) are compared.",
                "Prints a table (ROC AUC, sources detected, median detection delay, false alarm rate), writes "
                        + "DIR/novelty.json and DIR/novelty.png."})
public final class NoveltyEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the JSON and PNG.")
    Path out;

    @Option(names = "--domains", split = ",", defaultValue = "audio,sensor", paramLabel = "NAME",
            description = "audio, sensor or both (default: ${DEFAULT-VALUE}).")
    List<String> domains;

    @Option(names = "--audio-preset", defaultValue = "mel", paramLabel = "PRESET",
            description = "Model preset of the audio domain (default: ${DEFAULT-VALUE}).")
    String audioPreset;

    @Option(names = "--sensor-preset", defaultValue = "sensor", paramLabel = "PRESET",
            description = "Model preset of the sensor domain (default: ${DEFAULT-VALUE}).")
    String sensorPreset;

    @Option(names = "--sources", defaultValue = "4", description = "Sources per scenario (default: ${DEFAULT-VALUE}).")
    int sources;

    @Option(names = "--train-steps", defaultValue = "200", paramLabel = "N",
            description = "Training steps on the normal signals (default: ${DEFAULT-VALUE}).")
    int trainSteps;

    @Option(names = "--batch-windows", defaultValue = "8", paramLabel = "N",
            description = "Windows per training step (default: ${DEFAULT-VALUE}).")
    int batchWindows;

    @Option(names = "--before", defaultValue = "96", paramLabel = "N",
            description = "Windows per source before its switch (default: ${DEFAULT-VALUE}).")
    int before;

    @Option(names = "--after", defaultValue = "12", paramLabel = "N",
            description = "Windows per source after it: the positives (default: ${DEFAULT-VALUE}).")
    int after;

    @Option(names = "--quantile", paramLabel = "Q",
            description = "cpc.novelty.quantile (default: the application's).")
    double quantile = NoveltySettings.defaults().quantile();

    @Option(names = "--warmup", paramLabel = "N",
            description = "cpc.novelty.warmup.windows (default: the application's).")
    int warmup = NoveltySettings.defaults().warmupWindows();

    @Option(names = "--memory", paramLabel = "N",
            description = "cpc.novelty.memory.windows (default: the application's).")
    int memory = NoveltySettings.defaults().memoryWindows();

    @Option(names = "--seed", defaultValue = "1", description = "Fixes signals and model (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        NoveltyProtocol protocol = new NoveltyProtocol(sources, trainSteps, batchWindows, before, after, quantile,
                warmup, memory, seed);
        List<ScenarioResult> results = new ArrayList<>();
        for (String domain : domains) {
            results.addAll(new NoveltyEvaluation(domain(domain), protocol).run());
        }
        PrintWriter printed = spec.commandLine().getOut();
        printTable(printed, results);
        Json.write(out.resolve("novelty.json"), new NoveltyReport(protocol, results));
        NoveltyChart.write(out.resolve("novelty.png"), "Novelty: ROC AUC of the switch windows (seed " + seed + ")",
                results);
        printed.println("wrote " + out.resolve("novelty.json") + " and " + out.resolve("novelty.png"));
        printed.flush();
        return 0;
    }

    /** What novelty.json holds: the protocol, then every scenario's results. */
    record NoveltyReport(NoveltyProtocol protocol, List<ScenarioResult> scenarios) {
    }

    private NoveltyDomain domain(String name) {
        return switch (name) {
            case "audio" -> NoveltyDomain.audio(audioPreset);
            case "sensor" -> NoveltyDomain.sensor(sensorPreset);
            default -> throw new IllegalArgumentException("unknown domain '" + name + "'; choose audio or sensor");
        };
    }

    private static void printTable(PrintWriter out, List<ScenarioResult> results) {
        out.printf(Locale.ROOT, "%-22s %-18s %6s %9s %10s %11s%n", "scenario", "method", "AUC", "detected",
                "delay (s)", "false alarm");
        for (ScenarioResult scenario : results) {
            for (MethodResult m : scenario.methods()) {
                out.printf(Locale.ROOT, "%-22s %-18s %6s %9s %10s %10.3f%n",
                        scenario.domain() + "/" + scenario.change(), m.method(), orDash(m.auc(), "%.3f"),
                        m.detected() + "/" + m.sources(), orDash(m.medianDelaySeconds(), "%.2f"),
                        m.falseAlarmRate());
            }
        }
    }

    private static String orDash(Double value, String format) {
        return value == null ? "-" : String.format(Locale.ROOT, format, value);
    }
}
