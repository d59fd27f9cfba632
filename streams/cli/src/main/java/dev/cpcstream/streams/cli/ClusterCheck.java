package dev.cpcstream.streams.cli;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --connect-timeout}: before a command starts its Kafka clients, which would retry an unreachable cluster
 * forever, the cluster must answer within this time, or the command fails with one line and a non-zero exit.
 *
 * <p>A plain TCP connect to a bootstrap address comes first, so a closed port fails without a Kafka client logging a
 * warning per retry; an Admin describeCluster then proves it is a Kafka broker that accepts this client's settings.
 * A broker that refuses them (credentials, certificate) fails the command at once: waiting would not change its mind.
 */
final class ClusterCheck {

    private static final Duration PROBE_PAUSE = Duration.ofMillis(250);

    @Option(names = "--connect-timeout", defaultValue = "30s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long to wait for the Kafka cluster to answer before giving up (default: "
                    + "${DEFAULT-VALUE}).")
    Duration connectTimeout;

    /** Returns once the cluster of {@code clientProperties} (bootstrap.servers and security) has answered. */
    void requireReachable(String command, Map<String, Object> clientProperties) {
        String bootstrap = String.valueOf(clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        Instant deadline = Instant.now().plus(connectTimeout);
        String problem = awaitTcp(bootstrap, deadline);
        if (problem == null) {
            problem = describeCluster(command, clientProperties, deadline);
        }
        if (problem != null) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + " within "
                    + connectTimeout.toSeconds() + "s (" + problem + "); check " + where(command)
                    + " and that the broker is running, or wait longer with --connect-timeout");
        }
    }

    private static String where(String command) {
        return command.equals("run") ? "bootstrap.servers in --config"
                : "--bootstrap (or bootstrap.servers in " + ClientConfig.OPTION + ")";
    }

    /** The option whose file holds the command's security settings. */
    private static String settingsOption(String command) {
        return command.equals("run") ? "--config" : ClientConfig.OPTION;
    }

    /** Null once one bootstrap address accepts a connection; the last refusal if none does before the deadline. */
    private static String awaitTcp(String bootstrap, Instant deadline) {
        String problem = "no bootstrap address";
        do {
            for (String address : List.of(bootstrap.split(","))) {
                problem = connect(address.trim(), deadline);
                if (problem == null) {
                    return null;
                }
            }
        } while (pause() && Instant.now().isBefore(deadline));
        return problem;
    }

    private static String connect(String hostAndPort, Instant deadline) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0) {
            return hostAndPort + " is not HOST:PORT";
        }
        int millis = (int) Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort.substring(0, colon).replaceAll("^\\[|]$", ""),
                    Integer.parseInt(hostAndPort.substring(colon + 1))), millis);
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return hostAndPort + ": " + e.getMessage();
        }
    }

    /**
     * Null once the cluster answers, what went wrong if it does not in time.
     *
     * @throws IllegalStateException at once, saying what to check, when the cluster refuses this client
     */
    private static String describeCluster(String command, Map<String, Object> clientProperties, Instant deadline) {
        int millis = (int) Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        Admin admin = Admin.create(properties);
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).clusterId()
                    .get(millis + PROBE_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            Object bootstrap = properties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
            KafkaRefusal.describe(e.getCause(), settingsOption(command)).ifPresent(refusal -> {
                throw new IllegalStateException("Kafka at " + bootstrap + " refused " + command + ": " + refusal);
            });
            return e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "no answer to describeCluster";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /** False when interrupted (Ctrl-C): the wait ends there. */
    private static boolean pause() {
        try {
            Thread.sleep(PROBE_PAUSE.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
