package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.SampleEncoding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Lays interleaved float samples out as Frame.data. */
public final class SampleEncoder {

    private SampleEncoder() {
    }

    /**
     * PCM_S16LE scales by 32768 (the inverse of the usual {@code s / 32768f}, so 16-bit recordings round-trip
     * exactly) and clips to the 16-bit range; FLOAT32_LE stores the floats as they are.
     */
    public static ByteBuffer encode(float[] samples, SampleEncoding encoding) {
        if (encoding == SampleEncoding.PCM_S16LE) {
            ByteBuffer data = ByteBuffer.allocate(samples.length * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float sample : samples) {
                long scaled = Math.round(sample * 32768.0);
                data.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, scaled)));
            }
            return data.flip();
        }
        // one bulk copy through a little-endian view, not a bounds-checked put per sample
        ByteBuffer data = ByteBuffer.allocate(samples.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(samples);
        return data;
    }
}
