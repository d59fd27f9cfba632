package dev.cpcstream.streams.eval;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearProbeTest {

    private static ProbeResult probe(List<GaussianClusters.Labelled> files) throws IOException {
        return new LinearProbe().fit(probeSet(files));
    }

    private static ProbeSet probeSet(List<GaussianClusters.Labelled> files) throws IOException {
        Path labels = Files.createTempFile("labels", ".csv");
        try {
            Files.write(labels, GaussianClusters.labelsCsv(files));
            return ProbeSet.of(GaussianClusters.vectors(files), LabelsFile.read(labels), null);
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

    /**
     * Few files, many dimensions, each class a small shift of every dimension: the best linear rule is the nearest
     * class mean. A probe fitted to convergence with a penalty comes close to it; an unregularised or unfinished fit
     * follows the train split's noise instead.
     */
    @Test
    void onWideNoisyVectorsTheProbeComesCloseToTheNearestClassMean() throws IOException {
        ProbeSet set = probeSet(spreadClasses(4, 30, 400, 0.12, 7));
        double chosen = LinearProbe.chooseCost(set.train(), set.dimension());

        double probe = new LinearProbe().fit(set).accuracy();
        double nearestMean = nearestClassMean(set);
        System.out.printf("LinearProbeTest: cost %g chosen, accuracy %.3f; nearest class mean %.3f%n", chosen, probe,
                nearestMean);
        assertTrue(probe >= nearestMean - 0.05, "probe " + probe + " against nearest class mean " + nearestMean);
    }

    /** The reference: each test file gets the class whose train mean is nearest, on raw vectors. */
    private static double nearestClassMean(ProbeSet set) {
        Map<String, double[]> sums = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (ProbeSet.Example e : set.train()) {
            double[] sum = sums.computeIfAbsent(e.label(), k -> new double[set.dimension()]);
            for (int d = 0; d < sum.length; d++) {
                sum[d] += e.vector()[d];
            }
            counts.merge(e.label(), 1, Integer::sum);
        }
        long right = set.test().stream().filter(e -> e.label().equals(sums.keySet().stream()
                .min(Comparator.comparingDouble(label -> distance(e.vector(), sums.get(label), counts.get(label))))
                .orElseThrow())).count();
        return (double) right / set.test().size();
    }

    private static double distance(float[] vector, double[] sum, int count) {
        double squared = 0;
        for (int d = 0; d < vector.length; d++) {
            double difference = vector[d] - sum[d] / count;
            squared += difference * difference;
        }
        return squared;
    }

    /** As {@link GaussianClusters#make}, but class c is centred at {@code shift} times a random sign per dimension. */
    private static List<GaussianClusters.Labelled> spreadClasses(int classes, int perClass, int dimension,
                                                                 double shift, long seed) {
        Random random = new Random(seed);
        List<GaussianClusters.Labelled> files = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            double[] centre = random.doubles(dimension).map(u -> u < 0.5 ? -shift : shift).toArray();
            for (int i = 0; i < perClass; i++) {
                float[] vector = new float[dimension];
                for (int d = 0; d < dimension; d++) {
                    vector[d] = (float) (centre[d] + random.nextGaussian());
                }
                files.add(new GaussianClusters.Labelled(new FileVector("class" + c + "/file" + i + ".wav", vector),
                        "class" + c, i % 2 == 0 ? Split.TRAIN : Split.TEST));
            }
        }
        return files;
    }
}
