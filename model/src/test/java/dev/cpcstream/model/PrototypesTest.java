package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.UnitRows;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Online spherical k-means over a queue of keys: finds clear clusters, follows them as they move, re-seeds dead prototypes. */
class PrototypesTest {

    static final int CHANNELS = 16;
    static final int QUEUE = 256;
    private static final double TAU = 0.2;
    private static final double DECAY = 0.5;

    @Test
    void recoversFourWellSeparatedClustersAndFollowsThemWhenTheyMove() {
        SplittableRandom rng = new SplittableRandom(11);
        INDArray centers = unitGaussian(rng, 4);
        Prototypes prototypes = Prototypes.seed(clustered(rng, centers, 0.1), 4, TAU, new SplittableRandom(1));
        for (int pass = 0; pass < 5; pass++) {
            prototypes.update(clustered(rng, centers, 0.1), DECAY, TAU, new SplittableRandom(pass));
        }
        assertEachCenterHasItsOwnPrototype(prototypes, centers);

        INDArray moved = UnitRows.normalize(centers.add(unitGaussian(rng, 4).muli(0.5)));
        for (int pass = 0; pass < 12; pass++) {
            prototypes.update(clustered(rng, moved, 0.1), DECAY, TAU, new SplittableRandom(pass));
        }
        assertEachCenterHasItsOwnPrototype(prototypes, moved);
    }

    @Test
    void aPrototypeNoKeyIsNearestToIsReseededFromAKey() {
        SplittableRandom rng = new SplittableRandom(12);
        INDArray centers = unitGaussian(rng, 2);
        INDArray keys = clustered(rng, centers, 0.1);
        INDArray away = centers.getRow(0).add(centers.getRow(1)).negi().reshape(1, CHANNELS);   // behind both clusters
        Prototypes prototypes = new Prototypes(UnitRows.normalize(Nd4j.concat(0, centers, away)),
                Nd4j.ones(DataType.DOUBLE, 3).muli(50), Nd4j.zeros(DataType.DOUBLE, 3));

        prototypes.update(keys, DECAY, TAU, new SplittableRandom(3));

        INDArray cosToKeys = keys.mmul(prototypes.centroids().getRow(2).reshape(CHANNELS, 1));    // [Q, 1]
        assertEquals(1.0, cosToKeys.maxNumber().doubleValue(), 1e-6, "re-seeded onto one of the queue's keys");
        assertEquals(0.0, prototypes.counts().getDouble(2), 0.0, "a re-seeded prototype starts with no history");
        assertEquals(DECAY * 50 + QUEUE / 2.0, prototypes.counts().getDouble(0), 1e-9,
                "a live prototype's count decays, then adds its keys");
    }

    @Test
    void concentrationsAverageTauAndAreLargerForALooserCluster() {
        SplittableRandom rng = new SplittableRandom(13);
        INDArray centers = unitGaussian(rng, 2);
        INDArray tight = clustered(rng, centers.getRow(0).reshape(1, CHANNELS), 0.05);
        INDArray loose = clustered(rng, centers.getRow(1).reshape(1, CHANNELS), 0.3);
        Prototypes prototypes = new Prototypes(centers.dup(), Nd4j.zeros(DataType.DOUBLE, 2),
                Nd4j.zeros(DataType.DOUBLE, 2));

        prototypes.update(Nd4j.concat(0, tight, loose), DECAY, TAU, new SplittableRandom(4));

        double[] phi = prototypes.concentrations().toDoubleVector();
        assertEquals(TAU, (phi[0] + phi[1]) / 2, 1e-12);
        assertTrue(phi[1] > 2 * phi[0], "loose cluster phi " + phi[1] + " vs tight " + phi[0]);
    }

    @Test
    void nearestIsByCosineWhateverTheLengthOfTheFeature() {
        Prototypes prototypes = new Prototypes(Nd4j.createFromArray(new double[][]{{1, 0}, {0, 1}}),
                Nd4j.zeros(DataType.DOUBLE, 2), Nd4j.zeros(DataType.DOUBLE, 2));
        INDArray features = Nd4j.createFromArray(new double[][]{{0.1, 0.2}, {30, -2}, {-1, 0.5}});
        assertArrayEquals(new int[]{1, 0, 1}, prototypes.nearest(features));
    }

    private static void assertEachCenterHasItsOwnPrototype(Prototypes prototypes, INDArray centers) {
        INDArray cos = centers.mmul(prototypes.centroids().transpose());           // [centers, P]
        int[] nearest = prototypes.nearest(centers);
        for (int c = 0; c < centers.rows(); c++) {
            assertTrue(cos.getDouble(c, nearest[c]) > 0.99, "center " + c + " is " + cos.getRow(c) + " from the prototypes");
            for (int other = 0; other < c; other++) {
                assertTrue(nearest[c] != nearest[other], "centers " + other + " and " + c + " share a prototype");
            }
        }
    }

    /** {@code QUEUE} unit keys, an equal share around each center, with Gaussian noise of {@code spread} per channel. */
    static INDArray clustered(SplittableRandom rng, INDArray centers, double spread) {
        INDArray keys = Nd4j.create(DataType.DOUBLE, QUEUE, CHANNELS);
        for (int i = 0; i < QUEUE; i++) {
            INDArray noise = gaussian(rng, 1).reshape(CHANNELS).muli(spread);
            keys.putRow(i, noise.addi(centers.getRow(i % centers.rows())));
        }
        return UnitRows.normalize(keys);
    }

    static INDArray unitGaussian(SplittableRandom rng, int rows) {
        return UnitRows.normalize(gaussian(rng, rows));
    }

    static INDArray gaussian(SplittableRandom rng, int rows) {
        double[] v = new double[rows * CHANNELS];
        for (int i = 0; i < v.length; i++) {
            v[i] = Gaussian.next(rng);
        }
        return Nd4j.create(v, new long[]{rows, CHANNELS}, DataType.DOUBLE);
    }
}
