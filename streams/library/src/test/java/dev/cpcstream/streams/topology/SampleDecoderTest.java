package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.Presets;
import dev.cpcstream.schemas.DeadLetterReason;
import dev.cpcstream.schemas.SampleEncoding;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SampleDecoderTest {

    private final CpcConfig stereo = Presets.get("tiny", Map.of("inChannels", "2"));
    private final SampleDecoder decoder = new SampleDecoder(stereo, Optional.empty());

    @Test
    void pcmIsScaledAndDeInterleaved() {
        ByteBuffer data = ByteBuffer.allocate(3 * 2 * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0).putShort((short) -32768)
                .putShort((short) 16384).putShort((short) 32767)
                .putShort((short) -16384).putShort((short) 1).flip();

        DecodedFrame frame = decoder.decode(TopologyFixture.frame("s", 7, 16000, 2, SampleEncoding.PCM_S16LE, data));

        assertEquals(7, frame.seq());
        assertEquals(3, frame.length());
        assertArrayEquals(new float[]{0f, 0.5f, -0.5f, -1f, 32767 / 32768f, 1 / 32768f}, frame.samples());
    }

    @Test
    void floatsAreDeInterleavedAsTheyAre() {
        ByteBuffer data = ByteBuffer.allocate(2 * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(0.25f).putFloat(-2f).putFloat(1.5f).putFloat(3f).flip();

        DecodedFrame frame = decoder.decode(TopologyFixture.frame("s", 0, 16000, 2, SampleEncoding.FLOAT32_LE, data));

        assertArrayEquals(new float[]{0.25f, 1.5f, -2f, 3f}, frame.samples());
    }

    @Test
    void aLengthThatSplitsASampleFrameIsRejected() {
        // 6 bytes of stereo PCM: one and a half sample frames
        var frame = TopologyFixture.frame("s", 0, 16000, 2, SampleEncoding.PCM_S16LE, ByteBuffer.allocate(6));

        var rejected = assertThrows(RejectedFrameException.class, () -> decoder.decode(frame));

        assertEquals(DeadLetterReason.BAD_LENGTH, rejected.reason());
    }
}
