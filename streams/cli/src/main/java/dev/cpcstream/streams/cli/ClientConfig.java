package dev.cpcstream.streams.cli;

import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.RecordCodec;
import dev.cpcstream.schemas.RecordCodecs;
import dev.cpcstream.schemas.RegistryCodec;
import dev.cpcstream.schemas.SchemaRegistryClient;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.topology.TopicNames;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How produce and tail reach Kafka: the Kafka client settings of {@code --client-config} (bootstrap.servers,
 * security.protocol, sasl.*, ssl.*), read as run reads its {@code --config}, KAFKA_* environment variables over them,
 * so one file serves all three commands on a secured cluster; {@code --bootstrap} over its bootstrap.servers, and
 * {@code --topic-prefix} over its cpc.topic.prefix. Its cpc.serde.format and schema registry settings say how the
 * records are written, as for run.
 */
final class ClientConfig {

    /** Where a command's Kafka security settings come from, for the lines that ask to check them. */
    static final String OPTION = "--client-config";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers, over bootstrap.servers of " + OPTION
                    + " (default: localhost:9092).")
    String bootstrap;

    @Option(names = OPTION, paramLabel = "FILE",
            description = "A .properties file of Kafka client settings (security.protocol, sasl.*, ssl.*, ...); run's "
                    + "--config file serves. Secret values are never logged.")
    Path file;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "Prefix of the cpcstream topics (default: cpc.topic.prefix of " + OPTION + ", else cpc.).")
    String topicPrefix;

    private AppSettings settings;

    TopicNames topics() throws IOException {
        return TopicNames.withPrefix(topicPrefix == null ? settings().topicPrefix() : topicPrefix);
    }

    /** The admin client's settings, which {@link ClusterCheck} probes the cluster with. */
    Map<String, Object> admin() throws IOException {
        return withBootstrap(settings().adminProperties());
    }

    Map<String, Object> consumer() throws IOException {
        return withBootstrap(settings().consumerProperties());
    }

    Map<String, Object> producer() throws IOException {
        return withBootstrap(settings().producerProperties());
    }

    /** Embeddings as run writes them ({@code cpc.serde.format} of the file): every format that admits is read. */
    RecordCodec<Embedding> embeddingReader() throws IOException {
        return RecordCodecs.reader(Embedding.class, settings().output().format(), registry(), topics().embeddings());
    }

    /** Frames in the file's wire format; in the registry's, the frame schema is registered first. */
    RecordCodec<Frame> frameWriter() throws IOException {
        RecordCodec<Frame> codec = RecordCodecs.of(Frame.class, settings().output().format(), registry(),
                topics().frames());
        if (codec instanceof RegistryCodec<Frame> registered) {
            registered.register();
        }
        return codec;
    }

    private Optional<SchemaRegistryClient> registry() throws IOException {
        return settings().registryConnection().map(SchemaRegistryClient::new);
    }

    /** Where the clients connect, for log lines. */
    String bootstrapServers() throws IOException {
        return String.valueOf(admin().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** Read once: every client of the command sees the same settings. */
    private AppSettings settings() throws IOException {
        if (settings == null) {
            settings = AppSettings.fromProperties(file == null ? new Properties() : PropertiesFile.read(file),
                    System.getenv());
        }
        return settings;
    }

    private Map<String, Object> withBootstrap(Map<String, Object> properties) {
        Map<String, Object> p = new TreeMap<>(properties);
        if (bootstrap != null) {
            p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        return p;
    }
}
