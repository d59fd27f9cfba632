package dev.cpcstream.streams.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceSpecTest {

    private static final SourceFormat AUDIO = new SourceFormat(16000, 1, 640);

    @TempDir
    Path dir;

    @Test
    void parsesTheThreeKinds() {
        assertEquals(SourceSpec.synthetic(6), SourceSpec.parse("synthetic"));
        assertEquals(SourceSpec.synthetic(3), SourceSpec.parse("synthetic:3"));
        assertEquals(SourceSpec.Kind.WAV, SourceSpec.parse("wav:/data/audio").kind());
        assertEquals(Path.of("/data/imu"), SourceSpec.parse("csv:/data/imu").directory());
        assertThrows(IllegalArgumentException.class, () -> SourceSpec.parse("mp3:/x"));
        assertThrows(IllegalArgumentException.class, () -> SourceSpec.parse("wav:"));
    }

    @Test
    void everyWavUnderTheDirectoryIsOneSourceNamedByItsRelativePath() throws IOException {
        WavFiles.write16Bit(dir.resolve("b.wav"), 16000, 1, WavFiles.sine(300, 16000, 1600));
        WavFiles.write16Bit(dir.resolve("room1/a.WAV"), 16000, 1, WavFiles.sine(300, 16000, 800));
        Files.writeString(dir.resolve("notes.txt"), "not audio");

        List<Recording> recordings = SourceSpec.parse("wav:" + dir).recordings(AUDIO);

        assertEquals(List.of("b.wav", "room1/a.WAV"), recordings.stream().map(Recording::sourceId).toList());
    }

    @Test
    void aLinkedCorpusAndLinkedFoldersInsideItAreRead() throws IOException {
        Path corpus = dir.resolve("corpus");
        WavFiles.write16Bit(corpus.resolve("a.wav"), 16000, 1, WavFiles.sine(300, 16000, 800));
        WavFiles.write16Bit(dir.resolve("elsewhere/b.wav"), 16000, 1, WavFiles.sine(300, 16000, 800));
        Files.createSymbolicLink(corpus.resolve("more"), dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), corpus);

        List<Recording> recordings = SourceSpec.parse("wav:" + link).recordings(AUDIO);

        assertEquals(List.of("a.wav", "more/b.wav"), recordings.stream().map(Recording::sourceId).toList());
    }

    @Test
    void otherRatesAreResampledAndStereoIsMixedToMono() throws IOException {
        float[] stereo = new float[2 * 8000];
        float[] tone = WavFiles.sine(300, 8000, 8000);
        for (int t = 0; t < tone.length; t++) {
            stereo[2 * t] = tone[t];
            stereo[2 * t + 1] = tone[t];
        }
        WavFiles.writeFloat(dir.resolve("phone.wav"), 8000, 2, stereo);

        Recording recording = SourceSpec.parse("wav:" + dir).recordings(AUDIO).get(0);

        assertEquals(16000, recording.sampleRate());
        assertEquals(1, recording.channels());
        assertEquals(16000, recording.steps());
    }

    @Test
    void aChannelCountThatCannotBeMappedIsRefusedWithAHint() throws IOException {
        Files.writeString(dir.resolve("imu.csv"), "1,2\n3,4\n");
        SourceFormat sixAxes = new SourceFormat(50, 6, 256);

        var e = assertThrows(IllegalArgumentException.class, () -> SourceSpec.parse("csv:" + dir).recordings(sixAxes));

        assertTrue(e.getMessage().contains("inChannels"), e.getMessage());
    }

    @Test
    void anEmptyDirectoryIsAnError() {
        assertThrows(IOException.class, () -> SourceSpec.parse("wav:" + dir).open(AUDIO, false, 1));
    }
}
