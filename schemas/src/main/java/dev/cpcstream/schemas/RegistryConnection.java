package dev.cpcstream.schemas;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the schema registry is and how to authenticate to it, read from the setting names Confluent's serializers
 * use, so one client config serves cpcstream and the tools downstream:
 * <ul>
 *   <li>{@value #URL}: the registry's base URL (the first one, when a comma-separated list is given);</li>
 *   <li>{@value #BASIC_SOURCE} {@code USER_INFO} (the default) with {@value #BASIC_USER_INFO} {@code user:password},
 *       or {@code URL} to take {@code user:password@} from the URL;</li>
 *   <li>{@value #BEARER_TOKEN}: a static bearer token, used when no basic credentials are set.</li>
 * </ul>
 *
 * @param authorization the {@code Authorization} header sent with every request, when any
 */
public record RegistryConnection(URI url, Optional<String> authorization, Duration timeout) {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_TOKEN = "bearer.auth.token";
    /** Confluent also accepts the user info behind this prefix. */
    private static final String REGISTRY_PREFIX = "schema.registry.";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** @throws IllegalArgumentException naming the setting, when {@value #URL} is missing or unusable */
    public static RegistryConnection fromConfig(Map<String, ?> config) {
        String urls = value(config, URL).orElseThrow(() -> new IllegalArgumentException(
                "the registry wire format needs " + URL + " (the schema registry's base URL)"));
        URI url = URI.create(urls.split(",")[0].trim());
        if (url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException(URL + "='" + urls + "' is not an http(s) URL");
        }
        String source = value(config, BASIC_SOURCE).orElse("USER_INFO").toUpperCase(Locale.ROOT);
        Optional<String> userInfo = source.equals("URL") ? Optional.ofNullable(url.getUserInfo())
                : value(config, BASIC_USER_INFO).or(() -> value(config, REGISTRY_PREFIX + BASIC_USER_INFO));
        Optional<String> authorization = userInfo
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)))
                .or(() -> value(config, BEARER_TOKEN).map(token -> "Bearer " + token));
        return new RegistryConnection(withoutUserInfo(url), authorization, DEFAULT_TIMEOUT);
    }

    private static Optional<String> value(Map<String, ?> config, String key) {
        return Optional.ofNullable(config.get(key)).map(Object::toString).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** Credentials go in the header only, never into a URL that error messages repeat. */
    private static URI withoutUserInfo(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        return URI.create(url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + path);
    }
}
