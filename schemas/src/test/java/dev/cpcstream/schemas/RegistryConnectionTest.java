package dev.cpcstream.schemas;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry settings use the names of Confluent's serializers, so one client config serves every tool. */
class RegistryConnectionTest {

    @Test
    void basicAuthFromUserInfo() {
        RegistryConnection c = RegistryConnection.fromConfig(Map.of(RegistryConnection.URL,
                "http://registry:8080/apis/ccompat/v7/, http://other:8080", RegistryConnection.BASIC_USER_INFO,
                "cpc:s3cret"));

        assertEquals(URI.create("http://registry:8080/apis/ccompat/v7"), c.url(), "first URL, no trailing slash");
        assertEquals(Optional.of(basic("cpc:s3cret")), c.authorization());
    }

    @Test
    void basicAuthFromTheUrlLeavesNoCredentialsInIt() {
        RegistryConnection c = RegistryConnection.fromConfig(Map.of(RegistryConnection.URL,
                "https://cpc:s3cret@registry:8443", RegistryConnection.BASIC_SOURCE, "URL"));

        assertEquals(URI.create("https://registry:8443"), c.url());
        assertEquals(Optional.of(basic("cpc:s3cret")), c.authorization());
    }

    @Test
    void bearerTokenWhenNoBasicCredentials() {
        RegistryConnection c = RegistryConnection.fromConfig(Map.of(RegistryConnection.URL, "http://registry",
                RegistryConnection.BEARER_TOKEN, "t0ken"));

        assertEquals(Optional.of("Bearer t0ken"), c.authorization());
    }

    @Test
    void aMissingUrlIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> RegistryConnection.fromConfig(Map.of()));
        assertTrue(e.getMessage().contains(RegistryConnection.URL), e.getMessage());
    }

    @Test
    void formatsAreSpelledAsTheSettingSpellsThem() {
        assertEquals(WireFormat.SINGLE_OBJECT, WireFormat.fromSetting("single-object"));
        assertEquals(WireFormat.REGISTRY, WireFormat.fromSetting("Registry"));
        assertEquals("bare", WireFormat.BARE.settingValue());
        var e = assertThrows(IllegalArgumentException.class, () -> WireFormat.fromSetting("confluent"));
        assertTrue(e.getMessage().contains("single-object, registry, bare"), e.getMessage());
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
