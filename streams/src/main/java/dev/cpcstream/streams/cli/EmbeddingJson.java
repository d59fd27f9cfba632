package dev.cpcstream.streams.cli;

import dev.cpcstream.schemas.Embedding;

/** An Embedding record as one JSON line, field names as in the Avro schema. */
final class EmbeddingJson {

    private EmbeddingJson() {
    }

    static String of(Embedding embedding) {
        float[] vector = new float[embedding.getVector().size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = embedding.getVector().get(i);
        }
        return new JsonLine()
                .add("sourceId", embedding.getSourceId())
                .add("startSeq", embedding.getStartSeq())
                .add("endSeq", embedding.getEndSeq())
                .add("timestamp", embedding.getTimestamp().toString())
                .add("modelVersion", embedding.getModelVersion())
                .add("modelStep", embedding.getModelStep())
                .add("preset", embedding.getPreset())
                .add("trained", embedding.getTrained())
                .add("dimension", embedding.getDimension())
                .add("vector", vector)
                .toString();
    }
}
