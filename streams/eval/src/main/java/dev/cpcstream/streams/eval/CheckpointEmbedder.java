package dev.cpcstream.streams.eval;

import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.UndecodableRecordException;
import dev.cpcstream.streams.source.SourceFormat;
import dev.cpcstream.streams.source.SourceSpec;
import dev.cpcstream.streams.topology.CheckpointDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Embeds every file of a source with one model, as {@code cpcstream embed} does, so the evaluation scores exactly
 * the vectors a user gets from that command (same windows, same lanes, same pooling over frames).
 */
public final class CheckpointEmbedder {

    private CheckpointEmbedder() {
    }

    /** A checkpoint file written to cpc.checkpoint.dir, or the newest checkpoint of that directory. */
    public static ModelCheckpoint read(Path fileOrDirectory) throws IOException {
        if (!Files.exists(fileOrDirectory)) {
            throw new NoSuchFileException(fileOrDirectory.toString(), null, "no such checkpoint file or directory;"
                    + " pass a checkpoint-<version>.avro file, or the directory run or demo wrote them to"
                    + " (cpc.checkpoint.dir, demo --checkpoint-dir)");
        }
        if (Files.isDirectory(fileOrDirectory)) {
            return new CheckpointDirectory(fileOrDirectory, 1).newest().orElseThrow(() -> new IOException(
                    "no checkpoint-<version>.avro file in " + fileOrDirectory + "; pass the directory run or demo"
                            + " wrote checkpoints to (cpc.checkpoint.dir, demo --checkpoint-dir)"));
        }
        try {
            return Codecs.MODEL_CHECKPOINT.decode(Files.readAllBytes(fileOrDirectory));
        } catch (UndecodableRecordException e) {
            throw new IOException(fileOrDirectory + " is not a readable cpcstream checkpoint (" + e.getMessage()
                    + "); pass a checkpoint-<version>.avro file written by run or demo, or a snapshot file written"
                    + " by cpcstream snapshot", e);
        }
    }

    /** One pooled vector per file of {@code source}, resampled and mixed to the model's format. */
    public static List<OfflineEmbedder.FileEmbedding> embed(OnlineLearner learner, SourceSpec source, int lanes)
            throws IOException {
        return new OfflineEmbedder(learner, lanes).embed(source.recordings(SourceFormat.of(learner.config())));
    }

    static List<FileVector> embed(Path checkpoint, SourceSpec source) throws IOException {
        try (OnlineLearner learner = OnlineLearner.restore(read(checkpoint))) {
            return vectors(learner, source);
        }
    }

    static List<FileVector> vectors(OnlineLearner learner, SourceSpec source) throws IOException {
        return embed(learner, source, OfflineEmbedder.DEFAULT_LANES).stream()
                .map(e -> new FileVector(e.file(), e.vector())).toList();
    }
}
