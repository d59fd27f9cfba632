package dev.cpcstream.streams.app;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which settings hold secrets, so that the effective config can be logged without them: every setting Kafka's
 * clients and Streams type as a password (also behind a prefix such as {@code producer.} or {@code main.consumer.}),
 * and any other key that names a password, secret, credentials, a private key, a JAAS config, or the schema
 * registry's user info or bearer token; and the credentials of any URL.
 */
final class SecretSettings {

    static final String HIDDEN = "[hidden]";
    private static final Pattern URL_USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");

    private static final Set<String> KAFKA_PASSWORDS = Stream.of(ProducerConfig.configDef(),
                    ConsumerConfig.configDef(), AdminClientConfig.configDef(), StreamsConfig.configDef())
            .flatMap(definition -> definition.configKeys().values().stream())
            .filter(key -> key.type == ConfigDef.Type.PASSWORD)
            .map(key -> key.name)
            .collect(Collectors.toUnmodifiableSet());

    private SecretSettings() {
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return KAFKA_PASSWORDS.stream().anyMatch(password -> k.equals(password) || k.endsWith("." + password))
                || k.contains("password") || k.contains("secret") || k.contains("credentials")
                || k.endsWith("jaas.config") || k.endsWith(".key") || k.endsWith("user.info")
                || k.endsWith("auth.token");
    }

    /** The value as the log shows it; a URL's {@code user:password@} (a registry URL may carry one) is hidden too. */
    static String shown(String key, Object value) {
        return isSecret(key) ? HIDDEN : URL_USER_INFO.matcher(String.valueOf(value)).replaceAll("$1" + HIDDEN + "@");
    }
}
