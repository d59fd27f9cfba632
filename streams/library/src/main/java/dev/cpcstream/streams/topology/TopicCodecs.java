package dev.cpcstream.streams.topology;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.RecordCodec;

import java.util.Optional;

/**
 * How the topology reads the frames topic and writes the embeddings topic, and whether it mirrors each embedding as
 * JSON for a vector-database sink. The frames codec may read more formats than the embeddings codec writes
 * (dev.cpcstream.schemas.RecordCodecs#reader).
 *
 * @param jsonMirror the JSON mirror topic and how its objects look, when one is wanted
 */
public record TopicCodecs(RecordCodec<Frame> frames, RecordCodec<Embedding> embeddings,
                          Optional<JsonMirror> jsonMirror) {

    /** Single-object encoding on both topics, no mirror: what the topology did before formats could be chosen. */
    public static TopicCodecs singleObject() {
        return new TopicCodecs(Codecs.FRAME, Codecs.EMBEDDING, Optional.empty());
    }
}
