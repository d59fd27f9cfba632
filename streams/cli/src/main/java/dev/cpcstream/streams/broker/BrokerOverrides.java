package dev.cpcstream.streams.broker;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link StandaloneBroker} is started with beyond its defaults: Kafka broker settings over them (a secured
 * client listener, an authorizer, super users, ...), and SCRAM users that the first start, the one that formats the
 * data directory, writes into the cluster's metadata, so that the broker's own inter-broker user can authenticate
 * before anyone could create it through the Admin API.
 *
 * @param settings   broker settings, as in a server.properties; not those the broker derives from its port and
 *                   directory ({@link #DERIVED})
 * @param scramUsers as {@code kafka-storage.sh format --add-scram} takes them, e.g.
 *                   {@code SCRAM-SHA-512=[name=admin,password=admin-secret]}
 */
public record BrokerOverrides(Map<String, String> settings, List<String> scramUsers) {

    /** Maps listener names to security protocols; the one setting a secured listener always overrides. */
    public static final String PROTOCOL_MAP = "listener.security.protocol.map";

    /** Settings the broker derives from its port, its directory and its single node. */
    public static final Set<String> DERIVED = Set.of("process.roles", "node.id", "controller.quorum.voters",
            "listeners", "advertised.listeners", "inter.broker.listener.name", "controller.listener.names",
            "log.dirs");

    /** The defaults alone: a plaintext broker. */
    public static final BrokerOverrides NONE = new BrokerOverrides(Map.of(), List.of());

    /** @throws IllegalArgumentException naming the settings that the broker derives itself */
    public BrokerOverrides {
        settings = Map.copyOf(settings);
        scramUsers = List.copyOf(scramUsers);
        Set<String> derived = new TreeSet<>(settings.keySet());
        derived.retainAll(DERIVED);
        if (!derived.isEmpty()) {
            throw new IllegalArgumentException("the broker sets " + derived + " itself, from --port and --data; its"
                    + " listeners are " + StandaloneBroker.CLIENT_LISTENER + " (clients and inter-broker) and "
                    + StandaloneBroker.CONTROLLER_LISTENER + ": secure them with " + PROTOCOL_MAP + " and"
                    + " listener.name.<listener>.* settings instead");
        }
    }
}
