package dev.cpcstream.streams.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/** What the brokers of this package share: the settings that suit a one-node cluster, and its ports on localhost. */
final class SingleNode {

    /** Any free port, chosen by the operating system. */
    static final int FREE_PORT = 0;

    /**
     * Every internal topic has one replica, and topics are never auto-created, so a topic always has the partitions
     * its creator asked for rather than the broker default.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "offsets.topic.replication.factor", "1",
            // The defaults (50 partitions each) make the first consumer group and transaction take seconds.
            "offsets.topic.num.partitions", "4",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "transaction.state.log.num.partitions", "4",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false",
            // A paper-preset checkpoint is one record larger than the default request limit; what an application
            // sends stays bounded by its cpc.checkpoint.max.bytes.
            "socket.request.max.bytes", Integer.toString(256 << 20),
            // The test kit enables unreleased metadata and API versions unless told otherwise.
            "unstable.metadata.versions.enable", "false",
            "unstable.api.versions.enable", "false");

    private SingleNode() {
    }

    /** A taken port would fail deep inside the broker's start-up, with pages of stack traces; say it plainly. */
    static void requireFree(int port) {
        if (port == FREE_PORT) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalArgumentException("port " + port + " on localhost is taken (" + e.getMessage()
                    + "); choose another, or 0 for any free port");
        }
    }

    /** A port on localhost that is free now; the broker binds it a moment later. */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on localhost", e);
        }
    }
}
