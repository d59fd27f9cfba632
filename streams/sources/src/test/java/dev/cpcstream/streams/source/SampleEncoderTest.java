package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.SampleEncoding;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SampleEncoderTest {

    private static final float[] SAMPLES = {0f, 1.5f, -0.25f, Float.MIN_VALUE, -1e-7f, 0.999f, -1f};

    @Test
    void floatsAreLaidOutLittleEndianOneAfterAnother() {
        ByteBuffer data = SampleEncoder.encode(SAMPLES, SampleEncoding.FLOAT32_LE);

        assertEquals(0, data.position());
        assertEquals(SAMPLES.length * Float.BYTES, data.remaining());
        for (int i = 0; i < SAMPLES.length; i++) {
            int bits = (data.get(4 * i) & 0xff) | (data.get(4 * i + 1) & 0xff) << 8
                    | (data.get(4 * i + 2) & 0xff) << 16 | (data.get(4 * i + 3) & 0xff) << 24;
            assertEquals(Float.floatToRawIntBits(SAMPLES[i]), bits, "sample " + i);
        }
    }

    @Test
    void pcmScalesBy32768RoundsAndClips() {
        ByteBuffer data = SampleEncoder.encode(new float[]{0.5f, -1f, 1f, 3e-5f}, SampleEncoding.PCM_S16LE);

        assertEquals(8, data.remaining());
        short[] expected = {16384, -32768, 32767, 1};
        for (int i = 0; i < expected.length; i++) {
            short value = (short) ((data.get(2 * i) & 0xff) | (data.get(2 * i + 1) & 0xff) << 8);
            assertEquals(expected[i], value, "sample " + i);
        }
    }
}
