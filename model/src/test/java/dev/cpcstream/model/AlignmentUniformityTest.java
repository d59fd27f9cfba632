package dev.cpcstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AlignmentUniformityTest {

    @Test
    void identicalEmbeddingsHaveUniformityZero() {
        float[][] same = new float[10][];
        Arrays.fill(same, new float[]{1, 2, 3});

        assertEquals(0.0, AlignmentUniformity.uniformity(doubles(same)), 1e-12);
    }

    @Test
    void uniformityOfPointsSpreadEvenlyOnACircleMatchesTheIntegral() {
        int n = 720;
        float[][] circle = new float[n][];
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * i / n;
            circle[i] = new float[]{(float) Math.cos(angle), (float) Math.sin(angle)};
        }
        // ||x - y||^2 = 2 - 2 cos(theta): E exp(-2 ||x - y||^2) = exp(-4) I0(4) over a uniform angle
        double expected = -4 + Math.log(besselI0(4));

        assertEquals(expected, AlignmentUniformity.uniformity(doubles(circle)), 0.01);
    }

    @Test
    void pairsAcrossBlocksCountLikePairsWithinOne() {
        // 2 * 1024 + 1 points: three blocks of the Gram matrix; half at one pole, half at the other, one on the equator
        int half = 1024;
        float[][] points = new float[2 * half + 1][];
        for (int i = 0; i < half; i++) {
            points[i] = new float[]{1, 0};
            points[half + i] = new float[]{-1, 0};
        }
        points[2 * half] = new float[]{0, 5};
        long n = points.length;
        // pairs at distance^2 0 (same pole), 4 (opposite poles), 2 (equator to a pole)
        double same = 2.0 * half * (half - 1);
        double opposite = 2.0 * half * half;
        double equator = 2.0 * 2 * half;
        double expected = Math.log((same + opposite * Math.exp(-8) + equator * Math.exp(-4)) / (n * (n - 1)));

        assertEquals(expected, AlignmentUniformity.uniformity(doubles(points)), 1e-9);   // 4M terms summed
    }

    @Test
    void aZeroVectorStaysAtTheOrigin() {
        // distance^2 1 to the unit vector: log exp(-2)
        assertEquals(-2.0, AlignmentUniformity.uniformity(doubles(new float[][]{{0, 0}, {3, 4}})), 1e-12);
    }

    @Test
    void alignmentIsZeroForCoincidingPositivesAndFourForOppositeOnes() {
        assertEquals(0.0, AlignmentUniformity.alignment(doubles(new float[][]{{1, 1}}), doubles(new float[][]{{2, 2}})),
                1e-12);
        assertEquals(4.0, AlignmentUniformity.alignment(doubles(new float[][]{{1, 0}}), doubles(new float[][]{{-3, 0}})),
                1e-12);
        assertEquals(2.0, AlignmentUniformity.alignment(doubles(new float[][]{{1, 1}, {1, 0}}),
                doubles(new float[][]{{2, 2}, {-3, 0}})), 1e-12);
    }

    private static INDArray doubles(float[][] rows) {
        return Nd4j.createFromArray(rows).castTo(DataType.DOUBLE);
    }

    /** I0(x) = sum_k ((x/2)^k / k!)^2 */
    private static double besselI0(double x) {
        double sum = 0;
        double term = 1;
        for (int k = 0; k < 40; k++) {
            if (k > 0) {
                term *= (x / 2) / k;
            }
            sum += term * term;
        }
        return sum;
    }
}
