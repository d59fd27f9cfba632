package dev.cpcstream.streams.eval;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Linear probe of an embeddings file: multinomial logistic regression on standardised "
                + "embeddings, fitted on the files of split=train and scored on those of split=test.",
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
        ProbeSet set = ProbeSet.of(EmbeddingsFile.read(embeddings), LabelsFile.read(labels), column);
        ProbeResult result = new LinearProbe().fit(set);
        spec.commandLine().getOut().print(ProbeTable.format(embeddings.toString(), result));
        spec.commandLine().getOut().flush();
        if (json != null) {
            Json.write(json, result);
        }
        return 0;
    }
}
