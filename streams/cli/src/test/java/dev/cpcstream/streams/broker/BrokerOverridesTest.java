package dev.cpcstream.streams.broker;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BrokerOverridesTest {

    @Test
    void settingsTheBrokerDerivesAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BrokerOverrides(
                Map.of("listeners", "SASL_SSL://:9093", "log.dirs", "/tmp/x", "sasl.enabled.mechanisms", "PLAIN"),
                List.of()));

        assertEquals("the broker sets [listeners, log.dirs] itself, from --port and --data; its listeners are CLIENT"
                + " (clients and inter-broker) and CONTROLLER: secure them with listener.security.protocol.map and"
                + " listener.name.<listener>.* settings instead", e.getMessage());
    }
}
