package dev.cpcstream.streams.app;

import dev.cpcstream.schemas.WireFormat;

import java.util.Optional;

/**
 * How the application writes its output for the tools downstream.
 *
 * @param format         wire format of the embeddings topic, and the one the frames topic is read in
 *                       ({@code cpc.serde.format}, default {@code single-object})
 * @param jsonTopic      the JSON mirror topic for vector-database sinks ({@code cpc.output.json.topic}, default
 *                       none: no mirror)
 * @param jsonCollection the collection each JSON object names ({@code cpc.output.json.collection}, default
 *                       {@value #DEFAULT_COLLECTION})
 */
public record OutputSettings(WireFormat format, Optional<String> jsonTopic, String jsonCollection) {

    public static final String DEFAULT_COLLECTION = "cpcstream";

    public static OutputSettings defaults() {
        return new OutputSettings(WireFormat.SINGLE_OBJECT, Optional.empty(), DEFAULT_COLLECTION);
    }
}
