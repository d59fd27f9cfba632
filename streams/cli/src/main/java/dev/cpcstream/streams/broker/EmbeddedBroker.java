package dev.cpcstream.streams.broker;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.server.common.MetadataVersion;

import java.nio.file.Path;
import java.util.Map;

/**
 * A real Kafka broker inside this JVM: one KRaft node that is broker and controller at once, on localhost, built
 * with Kafka's own test kit. Its log and metadata directories live under a fresh temporary directory that
 * {@link #close()} deletes.
 *
 * <p>The test kit would also delete that directory from a JVM shutdown hook of its own. On Ctrl-C that hook runs
 * alongside the application's hook, which still needs the broker to drain the learner, so it would pull the logs
 * out from under a running broker; this class keeps the test kit from installing it, and whoever starts the broker
 * closes it, from their own shutdown hook if need be.
 *
 * <p>Settings suit one node (see {@link SingleNode#SETTINGS}). {@link StandaloneBroker} is the same node keeping its
 * data in a directory that outlives it.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Any free port, chosen by the operating system. */
    public static final int FREE_PORT = SingleNode.FREE_PORT;

    /** The name under which Kafka's test utilities register the deletion of a temporary directory. */
    private static final String TEMP_DIRECTORY_HOOK = "delete-temp-file-shutdown-hook";

    private final KafkaClusterTestKit cluster;
    private final Path directory;

    private EmbeddedBroker(KafkaClusterTestKit cluster, Path directory) {
        this.cluster = cluster;
        this.directory = directory;
    }

    /**
     * Formats, starts and waits until the broker accepts clients.
     *
     * @param port the client port on localhost, or {@link #FREE_PORT}
     */
    public static EmbeddedBroker start(int port) throws Exception {
        SingleNode.requireFree(port);
        TestKitNodes nodes = singleNode(port);
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        SingleNode.SETTINGS.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedBroker(cluster, Path.of(nodes.baseDirectory()));
    }

    /** Lays out the node and its temporary directory, without the test kit's shutdown hook (see the class comment). */
    private static TestKitNodes singleNode(int port) {
        Exit.setShutdownHookAdder((name, hook) -> {
            if (!TEMP_DIRECTORY_HOOK.equals(name)) {
                Runtime.getRuntime().addShutdownHook(new Thread(hook, name));
            }
        });
        try {
            return new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setPerServerProperties(Map.of(TestKitNodes.BROKER_ID_OFFSET, Map.of(
                            // The test kit's own listeners, with the client port made configurable.
                            "listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0")))
                    .build();
        } finally {
            Exit.resetShutdownHookAdder();
        }
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code localhost:9092}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The temporary directory holding the broker's logs and metadata; gone after {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /** Shuts the broker down and deletes its directory. */
    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
