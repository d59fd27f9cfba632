package dev.cpcstream.streams.cli;

import dev.cpcstream.schemas.Embedding;

import java.util.List;

/** An Embedding record as {@code tail} prints it: the Avro fields, the timestamp in ISO-8601. */
record EmbeddingLine(String sourceId, long startSeq, long endSeq, String timestamp, long modelVersion,
                     long modelStep, String preset, boolean trained, int dimension, List<Float> vector) {

    static EmbeddingLine of(Embedding e) {
        return new EmbeddingLine(e.getSourceId(), e.getStartSeq(), e.getEndSeq(), e.getTimestamp().toString(),
                e.getModelVersion(), e.getModelStep(), e.getPreset(), e.getTrained(), e.getDimension(), e.getVector());
    }
}
