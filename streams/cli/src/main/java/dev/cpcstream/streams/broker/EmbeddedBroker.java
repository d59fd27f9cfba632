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
 * <p>A process killed before it could close the broker leaves that directory behind, with every record sent to it;
 * the next broker started on the machine deletes such leftovers ({@link ScratchDirectory}). While it runs, each
 * partition keeps only its newest records ({@link #DISK_BOUNDS}), so that a long demo cannot fill the disk.
 *
 * <p>Settings suit one node (see {@link SingleNode#SETTINGS}). {@link StandaloneBroker} is the same node keeping its
 * data, all of it, in a directory that outlives it.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Any free port, chosen by the operating system. */
    public static final int FREE_PORT = SingleNode.FREE_PORT;

    /**
     * What a partition keeps: its newest records, up to far more than a learner that keeps up lags behind, in segments
     * small enough for retention to drop old ones. Compacted topics (checkpoints, weights, changelogs) are compacted
     * as ever.
     */
    static final Map<String, String> DISK_BOUNDS = Map.of(
            "log.retention.bytes", Long.toString(512L << 20),
            "log.segment.bytes", Integer.toString(128 << 20),
            "log.retention.check.interval.ms", "30000");

    /** The name under which Kafka's test utilities register the deletion of a temporary directory. */
    private static final String TEMP_DIRECTORY_HOOK = "delete-temp-file-shutdown-hook";
    /** Where and under what name Kafka's test utilities create it. */
    private static final Path TEMP_PARENT = Path.of(System.getProperty("java.io.tmpdir"));
    private static final String TEMP_PREFIX = "kafka-";

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
        ScratchDirectory.sweep(TEMP_PARENT, TEMP_PREFIX);
        TestKitNodes nodes = singleNode(port);
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        SingleNode.SETTINGS.forEach(builder::setConfigProp);
        DISK_BOUNDS.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            ScratchDirectory.claim(Path.of(nodes.baseDirectory()));
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
