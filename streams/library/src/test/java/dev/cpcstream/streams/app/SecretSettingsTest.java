package dev.cpcstream.streams.app;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The effective config logged at start shows no password or secret, whatever client it is meant for. */
class SecretSettingsTest {

    private static final String SECRET = "s3cr3t-value";
    private static final List<String> CLIENT_PREFIXES = List.of("", "producer.", "consumer.", "main.consumer.",
            "restore.consumer.", "global.consumer.", "admin.");

    @Test
    void everyKafkaPasswordSettingAndEveryNamedSecretIsHiddenUnderEveryClientPrefix() {
        Properties config = new Properties();
        List<String> secrets = Stream.concat(kafkaPasswords().stream(), Stream.of("sasl.jaas.config",
                        "my.api.secret", "my.service.credentials", "my.private.key", "basic.auth.user.info",
                        "schema.registry.basic.auth.user.info", "bearer.auth.token"))
                .flatMap(key -> CLIENT_PREFIXES.stream().map(prefix -> prefix + key))
                .toList();
        secrets.forEach(key -> config.setProperty(key, SECRET));

        Map<String, String> logged = new TreeMap<>(AppSettings.fromProperties(config, Map.of()).describe());

        secrets.forEach(key -> assertEquals(SecretSettings.HIDDEN, logged.get(key), key));
        assertTrue(logged.values().stream().noneMatch(value -> value.contains(SECRET)), logged.toString());
        assertTrue(logged.containsKey("ssl.truststore.certificates"), "a PEM setting Kafka types as a password");
    }

    @Test
    void credentialsInAUrlAreHidden() {
        Properties config = new Properties();
        config.setProperty("schema.registry.url", "https://cpc:" + SECRET + "@registry:8443,https://other:8443");
        Map<String, String> logged = AppSettings.fromProperties(config, Map.of()).describe();
        assertEquals("https://[hidden]@registry:8443,https://other:8443", logged.get("schema.registry.url"));
    }

    @Test
    void ordinarySettingsAreShown() {
        Properties config = new Properties();
        config.setProperty("security.protocol", "SASL_SSL");
        config.setProperty("sasl.mechanism", "SCRAM-SHA-512");
        config.setProperty("ssl.truststore.location", "/etc/kafka/truststore.p12");
        Map<String, String> logged = AppSettings.fromProperties(config, Map.of()).describe();
        assertEquals("SASL_SSL", logged.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", logged.get("sasl.mechanism"));
        assertEquals("/etc/kafka/truststore.p12", logged.get("ssl.truststore.location"));
    }

    private static List<String> kafkaPasswords() {
        return Stream.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef(),
                        StreamsConfig.configDef())
                .flatMap(definition -> definition.configKeys().values().stream())
                .filter(key -> key.type == ConfigDef.Type.PASSWORD)
                .map(key -> key.name)
                .distinct()
                .toList();
    }
}
