package dev.cpcstream.streams.eval;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearProbeTest {

    private static ProbeResult probe(List<GaussianClusters.Labelled> files) throws IOException {
        Path labels = Files.createTempFile("labels", ".csv");
        try {
            Files.write(labels, GaussianClusters.labelsCsv(files));
            return new LinearProbe().fit(ProbeSet.of(GaussianClusters.vectors(files), LabelsFile.read(labels), null));
        } finally {
            Files.delete(labels);
        }
    }

    @Test
    void separableClustersAreAlmostAlwaysPredicted() throws IOException {
        ProbeResult r = probe(GaussianClusters.make(3, 40, 16, 6.0, 1));
        assertTrue(r.accuracy() > 0.95, "accuracy " + r.accuracy());
        assertTrue(r.macroF1() > 0.95, "macro-F1 " + r.macroF1());
        assertEquals(1.0 / 3, r.uniformChance(), 1e-12);
        assertEquals(List.of("class0", "class1", "class2"), r.classes());
        assertEquals(60, r.testFiles());
        // every test file of a class is counted once, in its true row
        assertArrayEquals(new int[]{20, 20, 20}, Arrays.stream(r.confusion()).mapToInt(row -> Arrays.stream(row).sum())
                .toArray());
    }

    @Test
    void labelsUnrelatedToTheVectorsScoreNearChance() throws IOException {
        ProbeResult r = probe(GaussianClusters.make(3, 80, 16, 0.0, 2));
        assertTrue(Math.abs(r.accuracy() - 1.0 / 3) < 0.12, "accuracy " + r.accuracy());
    }

    @Test
    void aDimensionConstantOverTheTrainSplitIsLeftOutRatherThanDividedByZero() throws IOException {
        List<GaussianClusters.Labelled> files = GaussianClusters.make(2, 20, 4, 6.0, 3);
        files.forEach(f -> f.vector().vector()[3] = 1f);
        ProbeResult r = probe(files);
        assertEquals(1, r.constantDimensions());
        assertTrue(r.accuracy() > 0.9, "accuracy " + r.accuracy());
    }

    @Test
    void majorityChanceIsTheShareOfTheTrainSplitsMostFrequentClassInTheTestSplit() throws IOException {
        List<GaussianClusters.Labelled> files = new ArrayList<>(GaussianClusters.make(2, 10, 4, 6.0, 4));
        files.addAll(GaussianClusters.make(1, 10, 4, 6.0, 5).stream()
                .map(f -> new GaussianClusters.Labelled(
                        new FileVector("extra/" + f.vector().file(), f.vector().vector()), f.label(), f.split()))
                .toList());
        ProbeResult r = probe(files);
        assertEquals("class0", r.majorityClass());
        assertEquals(10.0 / 15, r.majorityChance(), 1e-12);
    }
}
