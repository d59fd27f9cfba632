package dev.cpcstream.streams.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the WAV files the tests read. */
final class WavFiles {

    private WavFiles() {
    }

    static void write16Bit(Path file, int sampleRate, int channels, float[] interleaved) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(interleaved.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float sample : interleaved) {
            data.putShort((short) Math.round(sample * 32767));
        }
        write(file, 1, sampleRate, channels, 16, data.array());
    }

    static void writeFloat(Path file, int sampleRate, int channels, float[] interleaved) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(interleaved.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float sample : interleaved) {
            data.putFloat(sample);
        }
        write(file, 3, sampleRate, channels, 32, data.array());
    }

    static void write(Path file, int format, int sampleRate, int channels, int bits, byte[] data) throws IOException {
        int blockAlign = channels * bits / 8;
        ByteBuffer wav = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) format).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bits)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        Files.createDirectories(file.getParent());
        Files.write(file, wav.array());
    }

    static float[] sine(double frequency, int sampleRate, int steps) {
        float[] samples = new float[steps];
        for (int t = 0; t < steps; t++) {
            samples[t] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * t / sampleRate));
        }
        return samples;
    }
}
