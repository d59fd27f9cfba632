package dev.cpcstream.streams.eval;

import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.Presets;
import dev.cpcstream.model.Window;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.streams.topology.CheckpointDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningCurveCommandTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    /**
     * Two tiny-preset checkpoints, after 1 and 2 steps on noise (2 windows, then 3), as a run's checkpoint directory
     * holds them.
     */
    private Path checkpoints() {
        Path checkpoints = dir.resolve("checkpoints");
        CheckpointDirectory directory = new CheckpointDirectory(checkpoints, 10);
        Random random = new Random(5);
        try (OnlineLearner learner = new OnlineLearner(Presets.get("tiny"))) {
            for (int step = 1; step <= 2; step++) {
                List<Window> batch = new ArrayList<>();
                for (int b = 0; b < step + 1; b++) {
                    float[] samples = new float[learner.config().window()];
                    for (int t = 0; t < samples.length; t++) {
                        samples[t] = (float) (0.1 * random.nextGaussian());
                    }
                    batch.add(new Window("noise-" + b, samples));
                }
                learner.train(batch);
                directory.write(learner.modelVersion(), Codecs.MODEL_CHECKPOINT.encode(learner.checkpoint(Map.of())));
            }
        }
        return checkpoints;
    }

    /** Low and high tones, two of each per split, two windows long; take i is the pair low i and high i. */
    private Path tones() throws IOException {
        Path wavs = dir.resolve("wav");
        List<String> labels = new ArrayList<>(List.of("file,pitch,take,split"));
        for (int i = 0; i < 4; i++) {
            String split = i < 2 ? "train" : "test";
            Tones.write(wavs.resolve("low" + i + ".wav"), 200 + 20 * i, 0.08);
            Tones.write(wavs.resolve("high" + i + ".wav"), 2000 + 200 * i, 0.08);
            labels.add("low" + i + ".wav,low," + i + "," + split);
            labels.add("high" + i + ".wav,high," + i + "," + split);
        }
        Files.write(wavs.resolve("labels.csv"), labels);
        return wavs;
    }

    @Test
    void probesTheUntrainedModelThenEveryCheckpointAndDrawsThem() throws IOException {
        Path checkpoints = checkpoints();
        Path wavs = tones();
        Path mfcc = dir.resolve("mfcc.jsonl");
        assertEquals(0, cli.run("baseline", "--source", "wav:" + wavs, "--kind", "mfcc", "--out", mfcc.toString()));
        Path out = dir.resolve("curve");
        assertEquals(0, cli.run("learning-curve", "--checkpoints", checkpoints.toString(), "--source", "wav:" + wavs,
                "--labels", wavs.resolve("labels.csv").toString(), "--baseline", "mfcc=" + mfcc,
                "--batch-windows", "2", "--out", out.toString()), cli.err.toString());

        List<String> csv = Files.readAllLines(out.resolve("learning-curve.csv"));
        assertEquals("checkpoint,modelVersion,step,seconds,accuracy,macroF1,chance", csv.get(0));
        assertEquals(4, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(1).startsWith("untrained,0,0,0.0,"), csv.get(1));
        // the 5 windows trained on x 640 samples at 16 kHz, not the 2 steps x --batch-windows 2 a full-batch estimate
        // would make of them
        assertTrue(csv.get(3).matches("checkpoint-0+2\\.avro,2,2,0\\.2,.*"), csv.get(3));
        byte[] png = Files.readAllBytes(out.resolve("learning-curve.png"));
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    @Test
    void withFoldsEveryPointIsTheCrossValidatedProbeThatEvaluateGives() throws IOException {
        Path checkpoints = checkpoints();
        Path wavs = tones();
        String labels = wavs.resolve("labels.csv").toString();
        Path out = dir.resolve("curve");
        assertEquals(0, cli.run("learning-curve", "--checkpoints", checkpoints.toString(), "--source", "wav:" + wavs,
                "--labels", labels, "--folds", "2", "--group", "take", "--out", out.toString()), cli.err.toString());
        Path newest = checkpoints.resolve(Files.readAllLines(out.resolve("learning-curve.csv")).get(3).split(",")[0]);
        Path embeddings = dir.resolve("newest.jsonl");
        assertEquals(0, cli.run("embed", "--checkpoint", newest.toString(), "--source", "wav:" + wavs, "--out",
                embeddings.toString()));
        Path probe = dir.resolve("probe.json");
        assertEquals(0, cli.run("evaluate", "--embeddings", embeddings.toString(), "--labels", labels, "--folds",
                "2", "--group", "take", "--json", probe.toString()), cli.err.toString());

        double evaluated = Json.MAPPER.readTree(probe.toFile()).path("crossValidated").path("accuracy").asDouble(-1);
        String newestPoint = Files.readAllLines(out.resolve("learning-curve.csv")).get(3);
        assertEquals(String.format(Locale.ROOT, "%.4f", evaluated), newestPoint.split(",")[4], newestPoint);
    }

    @Test
    void foldsWithoutAGroupAreRefusedBeforeAnythingIsEmbedded() throws IOException {
        Path wavs = tones();
        assertEquals(1, cli.run("learning-curve", "--checkpoints", checkpoints().toString(), "--source",
                "wav:" + wavs, "--labels", wavs.resolve("labels.csv").toString(), "--folds", "2", "--out",
                dir.toString()));
        assertTrue(cli.err.toString().contains("--folds and --group go together"), cli.err.toString());
    }

    @Test
    void anEmptyCheckpointDirectorySaysHowToGetCheckpoints() throws IOException {
        Path wavs = tones();
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(1, cli.run("learning-curve", "--checkpoints", dir.resolve("empty").toString(), "--source",
                "wav:" + wavs, "--labels", wavs.resolve("labels.csv").toString(), "--out", dir.toString()));
        assertTrue(cli.err.toString().contains("--checkpoint-dir"), cli.err.toString());
    }
}
