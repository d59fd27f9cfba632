package dev.cpcstream.schemas;

import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvroCodecRoundTripTest {

    @Test
    void audioFrameKeepsEverySample() {
        Frame frame = Samples.audioFrame();
        Frame decoded = roundTrip(Codecs.FRAME, frame);
        assertEquals("mic-kitchen-01", decoded.getSourceId());
        assertEquals(1_234_567L, decoded.getSeq());
        assertEquals(Samples.CAPTURED, decoded.getTimestamp());
        assertEquals(SampleEncoding.PCM_S16LE, decoded.getEncoding());
        assertArrayEquals(bytes(frame.getData()), bytes(decoded.getData()));
        short tenth = decoded.getData().order(ByteOrder.LITTLE_ENDIAN).getShort(10 * Short.BYTES);
        assertEquals(Math.round(12_000 * Math.sin(2 * Math.PI * 440 * 10 / 16_000.0)), tenth);
    }

    @Test
    void sensorFrameKeepsChannelsAndFloats() {
        Frame decoded = roundTrip(Codecs.FRAME, Samples.imuFrame());
        assertEquals(6, decoded.getChannels());
        assertEquals(100, decoded.getSampleRate());
        assertEquals(SampleEncoding.FLOAT32_LE, decoded.getEncoding());
        assertEquals(9.81f, decoded.getData().order(ByteOrder.LITTLE_ENDIAN).getFloat(2 * Float.BYTES));
    }

    @Test
    void embeddingKeepsTheVectorBitForBit() {
        Embedding embedding = Samples.embedding();
        Embedding decoded = roundTrip(Codecs.EMBEDDING, embedding);
        assertEquals(256, decoded.getVector().size());
        for (int i = 0; i < 256; i++) {
            assertEquals(Float.floatToRawIntBits(embedding.getVector().get(i)),
                    Float.floatToRawIntBits(decoded.getVector().get(i)), "component " + i);
        }
        assertEquals(1_234_440L, decoded.getStartSeq());
        assertEquals(4_021L, decoded.getModelVersion());
        assertTrue(decoded.getTrained());
    }

    @Test
    void deadLetterKeepsTheOriginalBytes() {
        DeadLetter deadLetter = Samples.deadLetter();
        DeadLetter decoded = roundTrip(Codecs.DEAD_LETTER, deadLetter);
        assertArrayEquals(bytes(deadLetter.getValue()), bytes(decoded.getValue()));
        assertEquals("mic-kitchen-01", new String(bytes(decoded.getKey())));
        assertEquals(DeadLetterReason.SAMPLE_RATE_MISMATCH, decoded.getReason());
        assertEquals(98_765_432_100L, decoded.getOffset());
    }

    @Test
    void deadLetterWithoutKeyOrValue() {
        DeadLetter decoded = roundTrip(Codecs.DEAD_LETTER, Samples.deadLetterWithoutKeyOrValue());
        assertNull(decoded.getKey());
        assertNull(decoded.getValue());
        assertEquals(DeadLetterReason.UNDECODABLE, decoded.getReason());
    }

    @Test
    void checkpointKeepsStateMapsAndOffsets() {
        ModelCheckpoint checkpoint = Samples.checkpoint();
        ModelCheckpoint decoded = roundTrip(Codecs.MODEL_CHECKPOINT, checkpoint);
        assertEquals(checkpoint.getConfig(), new HashMap<>(decoded.getConfig()));
        assertEquals(checkpoint.getInputOffsets(), new HashMap<>(decoded.getInputOffsets()));
        assertEquals(checkpoint.getCarriedStates().keySet(), decoded.getCarriedStates().keySet());
        assertArrayEquals(bytes(checkpoint.getCarriedStates().get("imu-arm-7")),
                bytes(decoded.getCarriedStates().get("imu-arm-7")));
        assertArrayEquals(bytes(checkpoint.getParameters()), bytes(decoded.getParameters()));
        assertEquals(-1L, decoded.getQueueKeySteps().order(ByteOrder.LITTLE_ENDIAN).getLong(7 * Long.BYTES));
        assertEquals(5, decoded.getQueuePointer());
        assertEquals(3L, decoded.getSkippedSteps());
    }

    @Test
    void writesTheSingleObjectHeader() {
        byte[] bytes = Codecs.EMBEDDING.encode(Samples.embedding());
        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(SchemaNormalization.parsingFingerprint64(Embedding.getClassSchema()), fingerprint);
    }

    @Test
    void trustsTheGeneratedClassesOnTopOfAvrosDefaults() {
        assertEquals(Frame.getClassSchema(), Codecs.FRAME.schema());
        ClassSecurityValidator.ClassSecurityPredicate trusted = ClassSecurityValidator.getGlobal();
        assertTrue(trusted.isTrusted(ModelCheckpoint.class));
        assertTrue(trusted.isTrusted(DeadLetterReason.class));
        assertTrue(trusted.isTrusted(String.class), "Avro's own defaults still apply");
        assertFalse(trusted.isTrusted(java.io.File.class), "no class outside the schemas package is added");
    }

    private static <T extends SpecificRecord> T roundTrip(AvroCodec<T> codec, T record) {
        T decoded = codec.decode(codec.encode(record));
        assertNotSame(record, decoded);
        assertEquals(record, decoded);
        return decoded;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
