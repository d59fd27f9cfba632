package dev.cpcstream.streams.eval;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.streams.source.SourceSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The baseline every learned representation must beat: the same architecture with the weights it starts from
 * (random, seeded by the config), embedded exactly as a trained checkpoint would be. A random convolutional encoder
 * with a GRU is already a fair feature extractor, so learning is measured by the gap above this, not above chance.
 */
final class RandomEncoderBaseline {

    private RandomEncoderBaseline() {
    }

    static List<FileVector> embed(CpcConfig config, SourceSpec source) throws IOException {
        Path checkpoint = Files.createTempFile("cpcstream-random-", ".avro");
        try {
            try (OnlineLearner untrained = new OnlineLearner(config)) {
                Files.write(checkpoint, Codecs.MODEL_CHECKPOINT.encode(untrained.checkpoint(Map.of())));
            }
            return CheckpointEmbedder.embed(checkpoint, source);
        } finally {
            Files.deleteIfExists(checkpoint);
        }
    }
}
