package dev.cpcstream.streams.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Linear probe of an embeddings file: multinomial logistic regression on standardised "
                + "embeddings, fitted on the files of split=train and scored on those of split=test.",
                "When the embeddings name each file's prototype (embed with a model that keeps prototypes), also "
                        + "the prototypes' purity and NMI against the same labels, over every labelled file.",
                "With --folds, also the probe cross-validated over groups of files (--group): every file, train or "
                        + "test, scored once by a probe fitted on the other folds.",
                "Prints accuracy, macro-F1, chance (uniform and majority class) and the confusion matrix; --json "
                        + "writes the same as JSON. Missing labels, mixed dimensions, NaN or an empty split stop "
                        + "it with exit code 1."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--embeddings", required = true, paramLabel = "FILE.jsonl",
            description = "One {\"file\": ..., \"vector\": [...]} per line, as embed and baseline write them.")
    Path embeddings;

    @Option(names = "--labels", required = true, paramLabel = "FILE.csv",
            description = "Header file,<label columns...>,split; one row per file, split train or test.")
    Path labels;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "The label column to predict (default: the first after file).")
    String column;

    /** Cross-validation beside the labels' split. */
    @Mixin
    FoldOptions folds;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the result as JSON here.")
    Path json;

    @Override
    public Integer call() throws IOException {
        boolean crossValidates = folds.crossValidates();
        LabelTable table = LabelsFile.read(labels);
        List<FileVector> vectors = EmbeddingsFile.read(embeddings);
        ProbeSet set = ProbeSet.of(vectors, table, column);
        ProbeResult result = new LinearProbe().fit(set);
        // extra members of the probe's JSON object, so that readers of the probe's fields see them unchanged
        ObjectNode node = Json.MAPPER.valueToTree(result);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ProbeTable.format(embeddings.toString(), result));
        Map<String, Integer> prototypes = EmbeddingsFile.prototypes(embeddings);
        if (!prototypes.isEmpty()) {
            PrototypePurity purity = PrototypePurity.of(prototypes, table.valuesOf(set.column()));
            out.print(ProbeTable.format(purity));
            node.set("prototypes", Json.MAPPER.valueToTree(purity));
        }
        if (crossValidates) {
            CrossValidatedProbe crossValidated = folds.crossValidate(vectors, table, column);
            out.print(ProbeTable.format(crossValidated));
            node.set("crossValidated", Json.MAPPER.valueToTree(crossValidated));
        }
        out.flush();
        if (json != null) {
            Json.write(json, node);
        }
        return 0;
    }
}
