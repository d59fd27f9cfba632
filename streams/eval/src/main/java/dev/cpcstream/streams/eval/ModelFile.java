package dev.cpcstream.streams.eval;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelSnapshot;
import dev.cpcstream.schemas.UndecodableRecordException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The model an offline command embeds with, from a file: a checkpoint run or demo wrote (or their checkpoint
 * directory, for its newest), or a weights-only snapshot {@code cpcstream snapshot} took off the model topic. A
 * snapshot is loaded as a follower instance takes it: the untrained model of the snapshot's config, given its
 * weights, so the offline vectors are those of the weights the instances served.
 */
public final class ModelFile {

    private ModelFile() {
    }

    /** The model of a checkpoint or snapshot file, or the newest checkpoint of a directory. */
    public static OnlineLearner learner(Path fileOrDirectory) throws IOException {
        Optional<ModelSnapshot> snapshot = snapshot(fileOrDirectory);
        return snapshot.isPresent() ? following(snapshot.get(), fileOrDirectory)
                : OnlineLearner.restore(CheckpointEmbedder.read(fileOrDirectory));
    }

    /** The model config a checkpoint or snapshot file was trained with. */
    public static CpcConfig config(Path file) throws IOException {
        Optional<ModelSnapshot> snapshot = snapshot(file);
        return CpcConfig.fromMap(snapshot.isPresent() ? snapshot.get().getConfig()
                : CheckpointEmbedder.read(file).getConfig());
    }

    /** The snapshot a file holds; empty for a directory or any other file, which is then read as a checkpoint. */
    private static Optional<ModelSnapshot> snapshot(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Codecs.MODEL_SNAPSHOT.decode(Files.readAllBytes(path)));
        } catch (UndecodableRecordException notASnapshot) {
            return Optional.empty();
        }
    }

    /**
     * The snapshot's weights in a fresh model of its config. A snapshot of version 0 is the untrained model of the
     * config's seed, which the fresh model already is, so taking it changes nothing.
     */
    private static OnlineLearner following(ModelSnapshot snapshot, Path file) throws IOException {
        OnlineLearner learner = new OnlineLearner(CpcConfig.fromMap(snapshot.getConfig()));
        try {
            learner.adopt(snapshot);
            return learner;
        } catch (IllegalArgumentException e) {
            learner.close();
            throw new IOException(file + " holds a snapshot whose weights do not fit its own config ("
                    + e.getMessage() + "); take it again with cpcstream snapshot", e);
        }
    }
}
