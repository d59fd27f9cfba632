package dev.cpcstream.streams.cli;

import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.streams.eval.CheckpointEmbedder;
import dev.cpcstream.streams.eval.Json;
import dev.cpcstream.streams.eval.ModelFile;
import dev.cpcstream.streams.eval.OfflineEmbedder;
import dev.cpcstream.streams.source.SourceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Embed whole files offline with a trained model: one JSON line per file, "
                + "{\"file\": ..., \"windows\": ..., \"vector\": [...]}, the vector being the mean and the "
                + "standard deviation of the encoder's output z_t over every frame of the file's windows (2C values).",
                "Files are resampled and mixed to the checkpoint's format as `demo --source` does; a file shorter "
                        + "than one window is embedded from all its samples."})
final class EmbedCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbedCommand.class);

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE|DIR",
            description = "A checkpoint file written to cpc.checkpoint.dir (checkpoint-<version>.avro), that "
                    + "directory itself to take its newest checkpoint, or a snapshot file written by "
                    + "cpcstream snapshot (the weights the instances embed with).")
    Path checkpoint;

    @Option(names = "--source", required = true, paramLabel = "SPEC", converter = SourceSpecConverter.class,
            description = "wav:DIR or csv:DIR: every .wav or .csv file under DIR.")
    SourceSpec source;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Where to write the lines.")
    Path out;

    @Option(names = "--lanes", defaultValue = "" + OfflineEmbedder.DEFAULT_LANES, paramLabel = "N",
            description = "Files embedded side by side in one batch (default: ${DEFAULT-VALUE}).")
    int lanes;

    @Override
    public Integer call() throws IOException {
        try (OnlineLearner learner = ModelFile.learner(checkpoint)) {
            LOG.info("model {} at step {}, version {}", learner.config().preset(), learner.step(),
                    learner.modelVersion());
            List<OfflineEmbedder.FileEmbedding> embeddings = CheckpointEmbedder.embed(learner, source, lanes);
            write(embeddings);
            LOG.info("embedded {} files into {}", embeddings.size(), out);
        }
        return 0;
    }

    private void write(List<OfflineEmbedder.FileEmbedding> embeddings) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            for (OfflineEmbedder.FileEmbedding e : embeddings) {
                writer.write(Json.line(e));
                writer.newLine();
            }
        }
    }
}
