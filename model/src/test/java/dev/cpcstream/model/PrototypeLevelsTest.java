package dev.cpcstream.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PCL's several granularities: each one clustered from the same keys, ProtoNCE their mean, stored rows stacked. */
class PrototypeLevelsTest {

    private static final int[] SIZES = {2, 4};
    private static final double TAU = 0.2;
    private static final double DECAY = 0.5;

    @Test
    void everyGranularityIsSeededAndThenRefinedFromTheQueue() {
        SplittableRandom rng = new SplittableRandom(21);
        INDArray centers = PrototypesTest.unitGaussian(rng, 4);
        PrototypeLevels levels = PrototypeLevels.seed(PrototypesTest.clustered(rng, centers, 0.1), SIZES, TAU,
                new SplittableRandom(1));
        assertEquals(List.of(2, 4), levels.levels().stream().map(Prototypes::count).toList());
        assertArrayEquals(new long[]{6, PrototypesTest.CHANNELS}, levels.centroids().shape());
        int[] fine = levels.levels().get(1).nearest(centers);
        assertEquals(4, Arrays.stream(fine).distinct().count(), "the finest has a prototype per cluster");
        assertArrayEquals(levels.levels().get(0).nearest(centers), levels.nearest(centers), "the first is published");

        List<INDArray> seeded = levels.levels().stream().map(p -> p.centroids().dup()).toList();
        INDArray moved = PrototypesTest.unitGaussian(rng, 4);
        levels.update(PrototypesTest.clustered(rng, moved, 0.1), DECAY, TAU, new SplittableRandom(2));
        for (int g = 0; g < SIZES.length; g++) {
            assertNotEquals(seeded.get(g), levels.levels().get(g).centroids(), "granularity " + g + " refined");
        }
    }

    @Test
    void theStackedRowsSplitBackIntoTheGranularities() {
        SplittableRandom rng = new SplittableRandom(22);
        PrototypeLevels levels = PrototypeLevels.seed(
                PrototypesTest.clustered(rng, PrototypesTest.unitGaussian(rng, 4), 0.1), SIZES, TAU, rng);
        PrototypeLevels read = PrototypeLevels.split(levels.centroids(), levels.counts(), levels.concentrations(),
                SIZES);
        for (int g = 0; g < SIZES.length; g++) {
            Prototypes a = levels.levels().get(g);
            Prototypes b = read.levels().get(g);
            assertEquals(a.centroids(), b.centroids());
            assertEquals(a.counts(), b.counts());
            assertEquals(a.concentrations(), b.concentrations());
        }
    }

    @Test
    void protoNceIsTheMeanOfEachGranularitysLossAndGradient() {
        SplittableRandom rng = new SplittableRandom(23);
        INDArray keys = PrototypesTest.clustered(rng, PrototypesTest.unitGaussian(rng, 4), 0.3);
        PrototypeLevels levels = PrototypeLevels.seed(keys, SIZES, TAU, rng);
        INDArray predictions = PrototypesTest.gaussian(rng, 12);                              // [M, C]
        INDArray positives = keys.get(NDArrayIndex.interval(0, 12),
                NDArrayIndex.all());                                  // [M, C]

        ProtoNce.Result both = ProtoNce.compute(predictions, positives, levels);
        ProtoNce.Result coarse = ProtoNce.compute(predictions, positives, only(levels, 0));
        ProtoNce.Result fine = ProtoNce.compute(predictions, positives, only(levels, 1));

        assertTrue(Math.abs(coarse.loss() - fine.loss()) > 1e-3, "granularities that disagree make the test mean something");
        assertEquals((coarse.loss() + fine.loss()) / 2, both.loss(), 1e-12);
        assertArrayEquals(coarse.dPredictions().add(fine.dPredictions()).divi(2).ravel().toDoubleVector(),
                both.dPredictions().ravel().toDoubleVector(), 1e-12);
    }

    private static PrototypeLevels only(PrototypeLevels levels, int granularity) {
        return new PrototypeLevels(List.of(levels.levels().get(granularity)));
    }
}
