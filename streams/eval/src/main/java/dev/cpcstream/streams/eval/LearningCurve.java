package dev.cpcstream.streams.eval;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.streams.source.SourceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Probe accuracy against signal seen: every checkpoint a run left in its checkpoint directory embeds the labelled
 * files ({@link CheckpointEmbedder}) and is probed ({@link LinearProbe}, on the labels' split or cross-validated);
 * the curve starts from the untrained
 * weights of the same config ({@link RandomEncoderBaseline}), at zero seconds.
 *
 * <p>The signal a checkpoint learned from is its windows trained times the hop. A checkpoint written before
 * windows were counted has only its step; for those it is estimated as the step times the windows per batch (the
 * run's {@code cpc.batch.windows}) times the hop, which assumes full batches and so is an upper bound.
 */
final class LearningCurve {

    private static final Logger LOG = LoggerFactory.getLogger(LearningCurve.class);
    static final String UNTRAINED = "untrained";

    private final SourceSpec source;
    private final LabelTable labels;
    private final String column;
    private final FoldOptions probe;
    private final int batchWindows;

    LearningCurve(SourceSpec source, LabelTable labels, String column, FoldOptions probe, int batchWindows) {
        this.source = source;
        this.labels = labels;
        this.column = labels.column(column);
        this.probe = probe;
        this.batchWindows = batchWindows;
    }

    /** One point per checkpoint in {@code directory} (oldest first), after the untrained point. */
    List<CurvePoint> measure(Path directory) throws IOException {
        List<Path> files = checkpointFiles(directory);
        List<CurvePoint> curve = new ArrayList<>();
        CpcConfig config = CpcConfig.fromMap(read(files.get(0)).getConfig());
        curve.add(point(UNTRAINED, 0, 0, 0, config, RandomEncoderBaseline.embed(config, source)));
        for (Path file : files) {
            ModelCheckpoint checkpoint = read(file);
            curve.add(point(file.getFileName().toString(), checkpoint.getModelVersion(), checkpoint.getStep(),
                    checkpoint.getWindowsTrained(), CpcConfig.fromMap(checkpoint.getConfig()),
                    CheckpointEmbedder.embed(file, source)));
        }
        return curve;
    }

    private CurvePoint point(String name, long version, long step, long windowsTrained, CpcConfig config,
                             List<FileVector> vectors) {
        ProbeScore score = probe.score(vectors, labels, column);
        long windows = windowsTrained > 0 ? windowsTrained : step * batchWindows;
        double seconds = (double) windows * config.hop() / config.sampleRate();
        LOG.info("{}: step {}, {} s of signal, probe accuracy {}", name, step, String.format("%.1f", seconds),
                String.format("%.3f", score.accuracy()));
        return new CurvePoint(name, version, step, seconds, score.accuracy(), score.macroF1(), score.majorityChance());
    }

    /** checkpoint-*.avro in the directory, by step. */
    private static List<Path> checkpointFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(f -> f.getFileName().toString().matches("checkpoint-\\d+\\.avro")).toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no checkpoint-<version>.avro files in " + directory + "; run demo or run with "
                    + "--checkpoint-dir (cpc.checkpoint.dir) and keep several (cpc.checkpoint.keep)");
        }
        return files.stream().sorted(Comparator.comparingLong(f -> read(f).getStep())).toList();
    }

    private static ModelCheckpoint read(Path file) {
        try {
            return Codecs.MODEL_CHECKPOINT.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
    }
}
