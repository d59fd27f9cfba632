package dev.cpcstream.streams.eval;

import dev.cpcstream.streams.source.Recording;
import dev.cpcstream.streams.source.WavReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** tests/corpus/make-speech-corpus.sh on 2 speakers x 2 sentences. CI installs espeak-ng and sox. */
class SpeechCorpusScriptTest {

    private static final Path SCRIPT = Path.of("..", "..", "tests", "corpus", "make-speech-corpus.sh");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsEspeakAndSox() {
        assumeTrue(onPath("espeak-ng") && onPath("sox"), "espeak-ng or sox is not installed");
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, tool)));
    }

    private static void make(Path out) throws IOException, InterruptedException {
        Process script = new ProcessBuilder("bash", SCRIPT.toString(), "--speakers", "2", "--sentences", "2",
                out.toString()).redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes());
        assertEquals(0, script.waitFor(), output);
    }

    @Test
    void writesLabelledCleanAndNoisyCopiesSplitBySentence() throws IOException, InterruptedException {
        make(dir);
        List<String> expected = List.of("file,speaker,sentence_id,split",
                "en-us-m1_s01.wav,en-us-m1,s01,train", "en-us-m1_s02.wav,en-us-m1,s02,test",
                "en-us-f2_s01.wav,en-us-f2,s01,train", "en-us-f2_s02.wav,en-us-f2,s02,test");
        for (String copy : List.of("clean", "noisy")) {
            assertEquals(expected, Files.readAllLines(dir.resolve(copy).resolve("labels.csv")), copy);
            for (String line : expected.subList(1, expected.size())) {
                String file = line.split(",")[0];
                Recording recording = WavReader.read(dir.resolve(copy).resolve(file), file);
                assertEquals(16000, recording.sampleRate(), file);
                assertEquals(1, recording.channels(), file);
                assertTrue(recording.steps() > 16000, copy + "/" + file + " is shorter than a second");
            }
        }
        // the labels table is what evaluate reads
        assertEquals(List.of("speaker", "sentence_id"), LabelsFile.read(dir.resolve("clean/labels.csv")).columns());
    }

    @Test
    void theSameArgumentsGiveTheSameBytes() throws IOException, InterruptedException {
        make(dir.resolve("a"));
        make(dir.resolve("b"));
        for (String file : List.of("clean/en-us-f2_s02.wav", "noisy/en-us-f2_s02.wav", "noisy/en-us-m1_s01.wav")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                    Files.readAllBytes(dir.resolve("b").resolve(file)), file);
        }
    }
}
