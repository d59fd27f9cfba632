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
 * rather than its test kit, which always works in a temporary directory of its own.
 */
public final class StandaloneBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
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
        SingleNode.requireFree(port);
        int clientPort = port == SingleNode.FREE_PORT ? SingleNode.freePort() : port;
        Files.createDirectories(directory);
        if (!isFormatted(directory)) {
            requireEmpty(directory);
            format(directory);
        }
        KafkaConfig config = new KafkaConfig(settings(directory, clientPort, SingleNode.freePort()));
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
        settings.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER
                + ":PLAINTEXT");
        settings.put("inter.broker.listener.name", CLIENT_LISTENER);
        settings.put("controller.listener.names", CONTROLLER_LISTENER);
        settings.put("log.dirs", directory.toAbsolutePath().toString());
        return settings;
    }

    /** What {@code kafka-storage.sh format} does, with a fresh cluster id. */
    private static void format(Path directory) throws Exception {
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
