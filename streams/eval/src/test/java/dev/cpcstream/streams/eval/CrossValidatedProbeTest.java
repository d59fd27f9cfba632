package dev.cpcstream.streams.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossValidatedProbeTest {

    @TempDir
    Path dir;

    /** A file of a labelled corpus, with the group ("take") whose files must stay in one fold. */
    private record Take(FileVector vector, String label, String take) {
    }

    /** labels.csv with a column "path" beside "take", which groups nothing: each file is its own group. */
    private LabelTable labels(List<Take> files) throws IOException {
        List<String> lines = new ArrayList<>(List.of("file,kind,take,path,split"));
        files.forEach(f -> lines.add(String.join(",", f.vector().file(), f.label(), f.take(), f.vector().file(),
                "train")));
        return LabelsFile.read(Files.write(dir.resolve("labels.csv"), lines));
    }

    private static List<FileVector> vectors(List<Take> files) {
        return files.stream().map(Take::vector).toList();
    }

    @Test
    void separableClustersAreAlmostAlwaysPredictedAndEveryFileIsScoredOnce() throws IOException {
        List<Take> files = new ArrayList<>();
        for (GaussianClusters.Labelled f : GaussianClusters.make(3, 40, 16, 6.0, 1)) {
            files.add(new Take(f.vector(), f.label(), "take" + files.size() % 10));
        }

        CrossValidatedProbe cv = CrossValidatedProbe.of(vectors(files), labels(files), null, "take", 5);

        assertTrue(cv.accuracy() > 0.95, "accuracy " + cv.accuracy());
        assertTrue(cv.macroF1() > 0.95, "macro-F1 " + cv.macroF1());
        assertEquals(5, cv.foldAccuracies().size());
        assertEquals(120, cv.files());
        assertEquals(120, Arrays.stream(cv.confusion()).flatMapToInt(Arrays::stream).sum());
        assertEquals(List.of("class0", "class1", "class2"), cv.classes());
    }

    /**
     * Each take's files are near copies of one random vector with one random label, in more dimensions than there
     * are files, so a probe that saw a take's other files in training would recognise it; one that is kept from
     * them can only guess.
     */
    @Test
    void aTakeNeverStraddlesTwoFoldsSoNearDuplicatesCannotLeakIntoTheScore() throws IOException {
        Random random = new Random(7);
        List<Take> files = new ArrayList<>();
        int dimension = 400;
        for (int take = 0; take < 60; take++) {
            float[] centre = gaussian(random, dimension, 1.0);
            String label = "class" + take % 3;
            for (int copy = 0; copy < 4; copy++) {
                float[] noise = gaussian(random, dimension, 0.05);
                float[] vector = new float[dimension];
                for (int d = 0; d < dimension; d++) {
                    vector[d] = centre[d] + noise[d];
                }
                files.add(new Take(new FileVector("take" + take + "/copy" + copy + ".wav", vector), label,
                        "take" + take));
            }
        }

        CrossValidatedProbe byTake = CrossValidatedProbe.of(vectors(files), labels(files), "kind", "take", 4);
        CrossValidatedProbe byFile = CrossValidatedProbe.of(vectors(files), labels(files), "kind", "path", 4);

        assertTrue(byTake.accuracy() < 0.5, "kept apart, the takes can only be guessed: " + byTake.accuracy());
        assertTrue(byFile.accuracy() > 0.9, "split by file, the takes leak: " + byFile.accuracy());
    }

    @Test
    void fewerGroupsThanFoldsIsRefusedWithWhatWouldDo() throws IOException {
        List<Take> files = new ArrayList<>();
        for (GaussianClusters.Labelled f : GaussianClusters.make(2, 10, 4, 6.0, 3)) {
            files.add(new Take(f.vector(), f.label(), "take" + files.size() % 3));
        }

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossValidatedProbe.of(vectors(files), labels(files), null, "take", 4));
        assertEquals("cannot deal 3 values of 'take' into 4 folds; use 2 to 3 folds", e.getMessage());
    }

    private static float[] gaussian(Random random, int dimension, double scale) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) (scale * random.nextGaussian());
        }
        return v;
    }
}
