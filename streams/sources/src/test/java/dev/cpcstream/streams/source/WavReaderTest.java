package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.SampleEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavReaderTest {

    @TempDir
    Path dir;

    @Test
    void reads16BitStereoAsInterleavedFloats() throws IOException {
        float[] samples = {0.5f, -0.5f, 0.25f, -0.25f, 0f, 1f};
        Path file = dir.resolve("stereo.wav");
        WavFiles.write16Bit(file, 8000, 2, samples);

        Recording recording = WavReader.read(file, "stereo.wav");

        assertEquals(8000, recording.sampleRate());
        assertEquals(2, recording.channels());
        assertEquals(3, recording.steps());
        assertEquals(SampleEncoding.PCM_S16LE, recording.encoding());
        assertArrayEquals(samples, recording.samples(), 1e-4f);
    }

    @Test
    void readsFloatMonoExactly() throws IOException {
        float[] samples = WavFiles.sine(440, 16000, 100);
        Path file = dir.resolve("float.wav");
        WavFiles.writeFloat(file, 16000, 1, samples);

        Recording recording = WavReader.read(file, "float.wav");

        assertEquals(SampleEncoding.FLOAT32_LE, recording.encoding());
        assertArrayEquals(samples, recording.samples());
    }

    @Test
    void refuses24BitPcmSayingHowToConvert() throws IOException {
        Path file = dir.resolve("deep.wav");
        WavFiles.write(file, 1, 48000, 1, 24, new byte[30]);

        IOException e = assertThrows(IOException.class, () -> WavReader.read(file, "deep.wav"));

        assertTrue(e.getMessage().contains("24-bit PCM"), e.getMessage());
        assertTrue(e.getMessage().contains("convert"), e.getMessage());
    }

    @Test
    void refusesFilesThatAreNotWave() throws IOException {
        Path file = dir.resolve("text.wav");
        java.nio.file.Files.writeString(file, "hello, this is not audio");

        assertThrows(IOException.class, () -> WavReader.read(file, "text.wav"));
    }
}
