package dev.cpcstream.streams.eval;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.streams.source.SourceSpec;

import java.io.IOException;
import java.util.List;

/**
 * The baseline every learned representation must beat: the same architecture with the weights it starts from
 * (random, seeded by the config), embedded exactly as a trained checkpoint would be. A random convolutional encoder
 * with a GRU is already a fair feature extractor, so learning is measured by the gap above this, not above chance.
 */
final class RandomEncoderBaseline {

    private RandomEncoderBaseline() {
    }

    static List<FileVector> embed(CpcConfig config, SourceSpec source) throws IOException {
        try (OnlineLearner untrained = new OnlineLearner(config)) {
            return CheckpointEmbedder.vectors(untrained, source);
        }
    }
}
