package dev.cpcstream.streams.eval;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Pure tones written as 16-bit mono WAV files, through the JDK's own writer. */
final class Tones {

    static final int RATE = 16000;

    private Tones() {
    }

    static void write(Path file, double hz, double seconds) throws IOException {
        int steps = (int) (seconds * RATE);
        ByteBuffer pcm = ByteBuffer.allocate(2 * steps).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < steps; t++) {
            pcm.putShort((short) Math.round(16000 * Math.sin(2 * Math.PI * hz * t / RATE)));
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        Files.createDirectories(file.getParent());
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, steps)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
