package dev.cpcstream.streams.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Linear probe of an embeddings file: multinomial logistic regression on standardised "
                + "embeddings, fitted on the files of split=train and scored on those of split=test.",
                "When the embeddings name each file's prototype (embed with a model that keeps prototypes), also "
                        + "the prototypes' purity and NMI against the same labels, over every labelled file.",
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

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the result as JSON here.")
    Path json;

    @Override
    public Integer call() throws IOException {
        LabelTable table = LabelsFile.read(labels);
        ProbeSet set = ProbeSet.of(EmbeddingsFile.read(embeddings), table, column);
        ProbeResult result = new LinearProbe().fit(set);
        Map<String, Integer> prototypes = EmbeddingsFile.prototypes(embeddings);
        PrototypePurity purity = prototypes.isEmpty() ? null
                : PrototypePurity.of(prototypes, table.valuesOf(set.column()));
        spec.commandLine().getOut().print(ProbeTable.format(embeddings.toString(), result));
        if (purity != null) {
            spec.commandLine().getOut().print(ProbeTable.format(purity));
        }
        spec.commandLine().getOut().flush();
        if (json != null) {
            Json.write(json, purity == null ? result : withPurity(result, purity));
        }
        return 0;
    }

    /** The probe's JSON object with a "prototypes" member: readers of the probe's fields see them unchanged. */
    private static ObjectNode withPurity(ProbeResult result, PrototypePurity purity) {
        ObjectNode node = Json.MAPPER.valueToTree(result);
        node.set("prototypes", Json.MAPPER.valueToTree(purity));
        return node;
    }
}
