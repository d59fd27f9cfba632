package dev.cpcstream.streams.eval;

import dev.cpcstream.model.LogMelSpectrogram;

import dev.cpcstream.model.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineCommandTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private Path tones() throws IOException {
        Path wavs = dir.resolve("wav");
        Tones.write(wavs.resolve("low.wav"), 300, 0.5);
        Tones.write(wavs.resolve("high/tone.wav"), 3000, 0.2);
        return wavs;
    }

    private List<FileVector> baseline(String kind, String... more) throws IOException {
        Path out = dir.resolve(kind + ".jsonl");
        List<String> args = new ArrayList<>(List.of("baseline", "--source", "wav:" + tones(), "--kind",
                kind, "--out", out.toString()));
        args.addAll(List.of(more));
        assertEquals(0, cli.run(args.toArray(String[]::new)), cli.err.toString());
        return EmbeddingsFile.read(out);
    }

    @Test
    void mfccStatisticsAreOneVectorPerFileNamedAsEmbedNamesThem() throws IOException {
        List<FileVector> vectors = baseline("mfcc");
        assertEquals(List.of("high/tone.wav", "low.wav"), vectors.stream().map(FileVector::file).toList());
        assertEquals(2 * Mfcc.COEFFICIENTS, vectors.get(0).vector().length);
    }

    @Test
    void logMelStatisticsSeeWhereEachToneIs() throws IOException {
        List<FileVector> vectors = baseline("LOGMEL");
        assertEquals(2 * LogMelSpectrogram.BANDS, vectors.get(0).vector().length);
        float[] high = vectors.get(0).vector();
        float[] low = vectors.get(1).vector();
        // mean log energy of the top band: the 3 kHz tone's file has more there than the 300 Hz one's
        assertTrue(high[30] > low[30], high[30] + " vs " + low[30]);
    }

    @Test
    void theRandomEncoderEmbedsWithTheUntrainedModelOfThePreset() throws IOException {
        List<FileVector> vectors = baseline("random", "--preset", "tiny");
        assertEquals(2, vectors.size());
        assertEquals(2 * Presets.get("tiny").channels(), vectors.get(0).vector().length);   // mean and std of z_t
    }

    @Test
    void spectralBaselinesRefuseSensorFiles() throws IOException {
        Files.createDirectories(dir.resolve("csv"));
        Files.writeString(dir.resolve("csv/a.csv"), "1,2\n3,4\n");
        assertEquals(1, cli.run("baseline", "--source", "csv:" + dir.resolve("csv"), "--kind", "mfcc", "--out",
                dir.resolve("x.jsonl").toString()));
        assertTrue(cli.err.toString().contains("log-mel and MFCC baselines are for audio"), cli.err.toString());
    }

    @Test
    void anUnknownKindIsAUsageError() {
        assertEquals(2, cli.run("baseline", "--source", "wav:/tmp", "--kind", "wavelet", "--out", "x.jsonl"));
        assertTrue(cli.err.toString().contains("use logmel, mfcc or random"), cli.err.toString());
    }
}
