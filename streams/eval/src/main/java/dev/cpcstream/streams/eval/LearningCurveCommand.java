package dev.cpcstream.streams.eval;

import dev.cpcstream.streams.source.SourceSpec;
import dev.cpcstream.streams.topology.StreamSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "learning-curve", mixinStandardHelpOptions = true,
        description = {"Linear-probe accuracy against seconds of signal trained on, from the checkpoints a run "
                + "left in its checkpoint directory: each one embeds the labelled files (as embed does) and is "
                + "probed (as evaluate does, on the labels' split or with --folds cross-validated); the curve "
                + "starts from the same model untrained.",
                "Writes DIR/learning-curve.csv and DIR/learning-curve.png, with flat lines for majority-class "
                        + "chance and each --baseline."})
public final class LearningCurveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoints", required = true, paramLabel = "DIR",
            description = "The run's checkpoint directory (demo --checkpoint-dir, cpc.checkpoint.dir).")
    Path checkpoints;

    @Option(names = "--source", required = true, paramLabel = "SPEC",
            description = "wav:DIR or csv:DIR: the labelled files to embed.")
    String source;

    @Option(names = "--labels", required = true, paramLabel = "FILE.csv", description = "As evaluate reads it.")
    Path labels;

    @Option(names = "--label", paramLabel = "COLUMN", description = "The column to predict (default: the first).")
    String column;

    @Option(names = "--baseline", paramLabel = "NAME=FILE.jsonl",
            description = "An embeddings file (e.g. from baseline) to probe and draw as a flat line. Repeatable.")
    Map<String, Path> baselines = new LinkedHashMap<>();

    /** The probe of every point and baseline: the labels' split, or cross-validated. */
    @Mixin
    FoldOptions probe;

    @Option(names = "--batch-windows", paramLabel = "N",
            description = "Windows per training step in the run (cpc.batch.windows; default: the app's, "
                    + "${DEFAULT-VALUE}), to turn steps into seconds for checkpoints that do not count the "
                    + "windows they trained on (written before that was counted).")
    int batchWindows = StreamSettings.defaults().batchWindows();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the CSV and PNG.")
    Path out;

    @Override
    public Integer call() throws IOException {
        LabelTable table = LabelsFile.read(labels);
        String chosen = table.column(column);
        String scoring = probe.describe();   // refuses --folds without --group before any embedding
        List<CurvePoint> curve = new LearningCurve(SourceSpec.parse(source), table, chosen, probe, batchWindows)
                .measure(checkpoints);
        List<LearningCurveChart.Reference> references = new ArrayList<>();
        for (Map.Entry<String, Path> baseline : baselines.entrySet()) {
            references.add(new LearningCurveChart.Reference(baseline.getKey(),
                    probe.score(EmbeddingsFile.read(baseline.getValue()), table, chosen).accuracy()));
        }
        Files.createDirectories(out);
        List<String> csv = csv(curve);
        Files.write(out.resolve("learning-curve.csv"), csv);
        LearningCurveChart.write(out.resolve("learning-curve.png"), "linear probe of '" + chosen
                + "' during training", "linear probe accuracy, " + scoring, curve, references);
        spec.commandLine().getOut().println(String.join(System.lineSeparator(), csv));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static List<String> csv(List<CurvePoint> curve) {
        List<String> lines = new ArrayList<>(List.of("checkpoint,modelVersion,step,seconds,accuracy,macroF1,chance"));
        for (CurvePoint p : curve) {
            lines.add(String.format(Locale.ROOT, "%s,%d,%d,%.1f,%.4f,%.4f,%.4f", p.checkpoint(), p.modelVersion(),
                    p.step(), p.seconds(), p.accuracy(), p.macroF1(), p.chance()));
        }
        return lines;
    }
}
