package dev.cpcstream.schemas;

import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvroCodecMalformedInputTest {

    private final byte[] valid = Codecs.FRAME.encode(Samples.audioFrame());

    @Test
    void emptyBytes() {
        assertUndecodable(new byte[0], "Cannot decode dev.cpcstream.schemas.Frame from 0 bytes: shorter than the"
                + " 10-byte single-object header");
    }

    @Test
    void headerCutShort() {
        assertUndecodable(Arrays.copyOf(valid, 9), "from 9 bytes: shorter than the 10-byte single-object header");
    }

    @Test
    void jsonIsNotSingleObjectEncoded() {
        byte[] json = "{\"sourceId\": \"mic-kitchen-01\", \"seq\": 1}".getBytes(StandardCharsets.UTF_8);
        assertUndecodable(json, "bad magic 0x7B 0x22 (expected 0xC3 0x01)");
    }

    @Test
    void recordOfAnotherTypeHasAnUnknownFingerprint() {
        byte[] embedding = Codecs.EMBEDDING.encode(Samples.embedding());
        String fingerprint = String.format("%016x",
                SchemaNormalization.parsingFingerprint64(Embedding.getClassSchema()));
        assertUndecodable(embedding, "unknown writer schema fingerprint " + fingerprint);
    }

    @Test
    void everyTruncationOfTheBodyIsReportedAsTruncated() {
        for (int length = 10; length < valid.length; length++) {
            assertUndecodable(Arrays.copyOf(valid, length), "truncated body");
        }
    }

    @Test
    void bytesAfterTheRecordAreRejected() {
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);
        assertUndecodable(longer, "3 bytes left over after the record");
    }

    @Test
    void aCorruptUnionBranchIsReportedAsCorrupt() {
        // A DeadLetter body starts with the key's union branch index: 0 is null, 1 is bytes, 8 (zig-zag 4) is none.
        byte[] deadLetter = Codecs.DEAD_LETTER.encode(Samples.deadLetter());
        deadLetter[10] = 8;
        UndecodableRecordException e = assertThrows(UndecodableRecordException.class,
                () -> Codecs.DEAD_LETTER.decode(deadLetter));
        assertTrue(e.getMessage().startsWith("Cannot decode dev.cpcstream.schemas.DeadLetter from "
                + deadLetter.length + " bytes: corrupt body"), e.getMessage());
    }

    /** A corrupt length prefix must not make the decoder allocate what it claims before finding the bytes missing. */
    @Test
    void aHugeLengthPrefixIsTruncationNotAnAllocation() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Arrays.copyOf(Codecs.DEAD_LETTER.encode(Samples.deadLetter()), 10));
        BinaryEncoder body = EncoderFactory.get().directBinaryEncoder(out, null);
        body.writeIndex(1);
        body.writeLong(2_000_000_000L); // the key claims 2 GB: more than the test JVM's whole heap
        body.writeFixed(new byte[] {1, 2, 3});
        byte[] bytes = out.toByteArray();

        UndecodableRecordException e = assertThrows(UndecodableRecordException.class,
                () -> Codecs.DEAD_LETTER.decode(bytes));
        assertTrue(e.getMessage().contains("truncated body"), e.getMessage());
    }

    /** Garbage must come out as the one exception type, never as another exception or an OutOfMemoryError. */
    @Test
    void randomBodiesAndBitFlipsFailCleanly() {
        Random random = new Random(42);
        assertFailsCleanly(Codecs.FRAME, Codecs.FRAME.encode(Samples.audioFrame()), random);
        assertFailsCleanly(Codecs.EMBEDDING, Codecs.EMBEDDING.encode(Samples.embedding()), random);
        assertFailsCleanly(Codecs.DEAD_LETTER, Codecs.DEAD_LETTER.encode(Samples.deadLetter()), random);
        assertFailsCleanly(Codecs.MODEL_CHECKPOINT, Codecs.MODEL_CHECKPOINT.encode(Samples.checkpoint()), random);
    }

    private static void assertFailsCleanly(AvroCodec<?> codec, byte[] valid, Random random) {
        for (int trial = 0; trial < 1_000; trial++) {
            byte[] bytes = trial % 2 == 0 ? randomBody(valid, random) : flipOneBit(valid, random);
            try {
                codec.decode(bytes);
            } catch (UndecodableRecordException expected) {
                assertTrue(expected.getMessage().startsWith("Cannot decode " + codec.schema().getFullName()));
            }
        }
    }

    /** The valid header, then up to 64 random bytes. */
    private static byte[] randomBody(byte[] valid, Random random) {
        byte[] bytes = Arrays.copyOf(valid, 10 + random.nextInt(64));
        for (int i = 10; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** One bit flipped in the first 200 bytes of the body, where the lengths and indices are. */
    private static byte[] flipOneBit(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        bytes[10 + random.nextInt(Math.min(200, bytes.length - 10))] ^= (byte) (1 << random.nextInt(8));
        return bytes;
    }

    private static void assertUndecodable(byte[] bytes, String expectedMessagePart) {
        UndecodableRecordException e = assertThrows(UndecodableRecordException.class,
                () -> Codecs.FRAME.decode(bytes));
        assertTrue(e.getMessage().contains(expectedMessagePart), e.getMessage());
        assertTrue(e.getMessage().startsWith("Cannot decode dev.cpcstream.schemas.Frame from "), e.getMessage());
    }
}
