package dev.cpcstream.schemas;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes that are not in the registry wire format are refused before the registry is asked (its URL here answers
 * nothing); the format against a registry is tested in the end-to-end module.
 */
class RegistryCodecHeaderTest {

    private static final RegistryCodec<Frame> CODEC = RegistryCodec.of(Frame.class, new SchemaRegistryClient(
            RegistryConnection.fromConfig(Map.of(RegistryConnection.URL, "http://127.0.0.1:9"))), "cpc.frames-value");

    @Test
    void singleObjectBytesHaveTheWrongMagic() {
        var e = assertThrows(UndecodableRecordException.class,
                () -> CODEC.decode(Codecs.FRAME.encode(Samples.audioFrame())));
        assertTrue(e.getMessage().contains("bad magic 0xC3"), e.getMessage());
    }

    @Test
    void bytesShorterThanTheHeaderAreRefused() {
        var e = assertThrows(UndecodableRecordException.class, () -> CODEC.decode(new byte[]{0, 0, 1}));
        assertTrue(e.getMessage().contains("5-byte registry header"), e.getMessage());
    }

    @Test
    void theSubjectOfATopicsValuesFollowsTheRegistrysDefaultNaming() {
        assertEquals("cpc.embeddings-value", RegistryCodec.valueSubject("cpc.embeddings"));
    }
}
