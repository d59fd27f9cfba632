package dev.cpcstream.streams.app;

import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.RecordCodec;
import dev.cpcstream.schemas.RecordCodecs;
import dev.cpcstream.schemas.RegistryCodec;
import dev.cpcstream.schemas.RegistryConnection;
import dev.cpcstream.schemas.SchemaRegistryClient;
import dev.cpcstream.streams.topology.JsonMirror;
import dev.cpcstream.streams.topology.TopicCodecs;
import dev.cpcstream.streams.topology.TopicNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The application's codecs for its settings: embeddings written in the chosen format (in the registry's, the
 * embedding schema is registered first), frames read in every format that format admits
 * ({@link RecordCodecs#reader}); the registry is asked whenever {@value RegistryConnection#URL} is set.
 */
final class TopicCodecsFactory {

    private static final Logger log = LoggerFactory.getLogger(TopicCodecsFactory.class);

    private TopicCodecsFactory() {
    }

    /** @throws dev.cpcstream.schemas.SchemaRegistryException if the registry is unreachable or refuses the schema */
    static TopicCodecs open(AppSettings settings, TopicNames topics) {
        OutputSettings output = settings.output();
        Optional<SchemaRegistryClient> registry = settings.registryConnection().map(SchemaRegistryClient::new);
        RecordCodec<Frame> frames = RecordCodecs.reader(Frame.class, output.format(), registry, topics.frames());
        RecordCodec<Embedding> embeddings = RecordCodecs.of(Embedding.class, output.format(), registry,
                topics.embeddings());
        if (embeddings instanceof RegistryCodec<Embedding> registered) {
            log.info("embedding schema registered under {} with id {}",
                    RegistryCodec.valueSubject(topics.embeddings()), registered.register());
        }
        Optional<JsonMirror> mirror = output.jsonTopic().map(topic -> new JsonMirror(topic, output.jsonCollection()));
        return new TopicCodecs(frames, embeddings, mirror);
    }
}
