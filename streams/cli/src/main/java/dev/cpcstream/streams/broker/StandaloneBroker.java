package dev.cpcstream.streams.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Kafka broker that keeps its topics: one KRaft node that is broker and controller at once, on localhost, with its
 * log and metadata directories in a directory of the caller's choosing. The first start formats that directory (a new
 * cluster id, kept in its {@code meta.properties}); a later start on the same directory finds the topics, records,
 * committed offsets and transactions where the last one left them.
 *
 * <p>Settings are those of {@link EmbeddedBroker} (see {@link SingleNode#SETTINGS}), run by Kafka's own server
 * rather than its test kit, which always works in a temporary directory of its own. {@link BrokerOverrides} put
 * settings of the caller's over them: a secured client listener, an authorizer, SCRAM users to create at format.
 */
public final class StandaloneBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    /** The listener on the client port, also the inter-broker listener; PLAINTEXT unless the overrides map it. */
    public static final String CLIENT_LISTENER = "CLIENT";
    /** The KRaft controller's listener, on a port of its own; PLAINTEXT unless the overrides map it. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Written by the first format; its presence is what makes a directory this broker's. */
    private static final String META_PROPERTIES = "meta.properties";

    private final KafkaRaftServer server;
    private final Path directory;
    private final int port;

    private StandaloneBroker(KafkaRaftServer server, Path directory, int port) {
        this.server = server;
        this.directory = directory;
        this.port = port;
    }

    /**
     * Formats {@code directory} if it holds no broker yet, starts the broker on it and returns once clients can
     * connect.
     *
     * @param port the client port on localhost, or 0 for any free one
     */
    public static StandaloneBroker start(Path directory, int port) throws Exception {
        return start(directory, port, BrokerOverrides.NONE);
    }

    /**
     * As {@link #start(Path, int)}, with {@code overrides} over the defaults; their SCRAM users are created only by
     * the start that formats {@code directory}.
     */
    public static StandaloneBroker start(Path directory, int port, BrokerOverrides overrides) throws Exception {
        SingleNode.requireFree(port);
        int clientPort = port == SingleNode.FREE_PORT ? SingleNode.freePort() : port;
        Files.createDirectories(directory);
        if (!isFormatted(directory)) {
            requireEmpty(directory);
            format(directory, overrides.scramUsers());
        }
        Map<String, Object> settings = settings(directory, clientPort, SingleNode.freePort());
        settings.putAll(overrides.settings());
        KafkaConfig config = new KafkaConfig(settings);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // Returns once the controller has let the broker in and it serves client requests.
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        return new StandaloneBroker(server, directory, clientPort);
    }

    /** True if {@code directory} has been formatted by an earlier start. */
    public static boolean isFormatted(Path directory) {
        return Files.exists(directory.resolve(META_PROPERTIES));
    }

    /** The broker would take every file of a directory for its own, and fail at the first that is not. */
    private static void requireEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException(directory + " holds files but no broker data (no "
                        + META_PROPERTIES + "); give a new or empty directory, or one an earlier start formatted");
            }
        }
    }

    /**
     * The controller port changes from start to start: with a static voter list nothing stored in the directory
     * names it.
     */
    private static Map<String, Object> settings(Path directory, int clientPort, int controllerPort) {
        Map<String, Object> settings = new HashMap<>(SingleNode.SETTINGS);
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", Integer.toString(NODE_ID));
        settings.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        settings.put("listeners", CLIENT_LISTENER + "://localhost:" + clientPort + ","
                + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        settings.put("advertised.listeners", CLIENT_LISTENER + "://localhost:" + clientPort);
        settings.put(BrokerOverrides.PROTOCOL_MAP, CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER
                + ":PLAINTEXT");
        settings.put("inter.broker.listener.name", CLIENT_LISTENER);
        settings.put("controller.listener.names", CONTROLLER_LISTENER);
        settings.put("log.dirs", directory.toAbsolutePath().toString());
        return settings;
    }

    /** What {@code kafka-storage.sh format} does, with a fresh cluster id. */
    private static void format(Path directory, List<String> scramUsers) throws Exception {
        String logDirectory = directory.toAbsolutePath().toString();
        new Formatter()
                // Its one line ("Formatting ... with metadata.version ...") is a log line, not a result.
                .setPrintStream(System.err)
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                // One directory for the logs and the cluster metadata, as with log.dirs alone.
                .setDirectories(List.of(logDirectory))
                .setMetadataLogDirectory(logDirectory)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setScramArguments(scramUsers)
                .run();
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code localhost:9092}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path directory() {
        return directory;
    }

    /** Shuts the broker down cleanly, leaving its directory for the next start. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
