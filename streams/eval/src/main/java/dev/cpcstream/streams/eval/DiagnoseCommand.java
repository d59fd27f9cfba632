package dev.cpcstream.streams.eval;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Geometry of an embeddings file, to tell learning from collapse without labels: alignment "
                + "and uniformity (Wang & Isola 2020), effective rank (Roy & Vetterli 2007) and the standard "
                + "deviation of each dimension.",
                "Positives for alignment are files sharing a label with --labels, otherwise consecutive lines of "
                        + "the same source (the windows tail writes, in order). --json writes everything, the "
                        + "per-dimension deviations included."})
public final class DiagnoseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--embeddings", required = true, paramLabel = "FILE.jsonl",
            description = "JSON lines with a \"vector\" and a \"file\" (embed, baseline) or \"sourceId\" (tail).")
    Path embeddings;

    @Option(names = "--labels", paramLabel = "FILE.csv",
            description = "labels.csv as evaluate reads it; files sharing the --label value are positives.")
    Path labels;

    @Option(names = "--label", paramLabel = "COLUMN", description = "With --labels: the column (default: the first).")
    String column;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the diagnostics as JSON here.")
    Path json;

    @Override
    public Integer call() throws IOException {
        List<FileVector> vectors = EmbeddingsFile.readLines(embeddings);
        Diagnostics diagnostics;
        if (labels == null) {
            diagnostics = Diagnostics.of(vectors, null, "consecutive lines of a source");
        } else {
            LabelTable table = LabelsFile.read(labels);
            String chosen = table.column(column);
            table.requireRowsFor(vectors.stream().map(FileVector::file).toList());
            Map<String, String> labelOfFile = new LinkedHashMap<>();
            table.rows().forEach((file, row) -> labelOfFile.put(file, row.labels().get(chosen)));
            diagnostics = Diagnostics.of(vectors, labelOfFile, "same " + chosen);
        }
        print(diagnostics, spec.commandLine().getOut());
        if (json != null) {
            Json.write(json, diagnostics);
        }
        return 0;
    }

    private void print(Diagnostics d, PrintWriter out) {
        out.printf(Locale.ROOT, "diagnostics of %s: %d embeddings, D = %d%n", embeddings, d.lines(), d.dimension());
        out.printf(Locale.ROOT, "  alignment       %s   (%d pairs, positives: %s; 0 best, 4 worst)%n",
                d.alignment() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", d.alignment()), d.positivePairs(),
                d.positives());
        out.printf(Locale.ROOT, "  uniformity      %.3f   (0 is collapse; lower is more uniform)%n", d.uniformity());
        out.printf(Locale.ROOT, "  effective rank  %.1f of %d%n", d.effectiveRank(), d.dimension());
        DimensionSpread s = d.spread();
        out.printf(Locale.ROOT, "  dimension std   min %.4g, median %.4g, max %.4g; %d below %.0f%% of the max%n",
                s.min(), s.median(), s.max(), s.collapsed(), 100 * DimensionSpread.COLLAPSED_FRACTION);
        out.flush();
    }
}
