package dev.cpcstream.streams.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticsTest {

    /** +e_i and -e_i for i < k, in D dimensions: centred, with k equal singular values. */
    private static List<float[]> axes(int k, int dimension) {
        List<float[]> points = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int sign : new int[]{1, -1}) {
                float[] p = new float[dimension];
                p[i] = sign;
                points.add(p);
            }
        }
        return points;
    }

    @Test
    void effectiveRankCountsDirectionsOfEqualVariance() {
        assertEquals(5.0, EffectiveRank.of(axes(5, 16)), 1e-6);
        assertEquals(1.0, EffectiveRank.of(axes(1, 16)), 1e-6);
    }

    @Test
    void effectiveRankOfIsotropicNoiseIsNearTheDimension() {
        Random random = new Random(3);
        List<float[]> points = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            float[] p = new float[8];
            for (int d = 0; d < p.length; d++) {
                p[d] = (float) random.nextGaussian();
            }
            points.add(p);
        }
        assertTrue(EffectiveRank.of(points) > 7.8, "erank " + EffectiveRank.of(points));
    }

    @Test
    void identicalEmbeddingsHaveRankZeroAndUniformityZero() {
        List<float[]> same = Collections.nCopies(10, new float[]{1, 2, 3});
        assertEquals(0.0, EffectiveRank.of(same));
        assertEquals(0.0, AlignmentUniformity.uniformity(same), 1e-12);
    }

    @Test
    void uniformityOfPointsSpreadEvenlyOnACircleMatchesTheIntegral() {
        List<float[]> circle = new ArrayList<>();
        int n = 720;
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * i / n;
            circle.add(new float[]{(float) Math.cos(angle), (float) Math.sin(angle)});
        }
        // ||x - y||^2 = 2 - 2 cos(theta): E exp(-2 ||x - y||^2) = exp(-4) I0(4) over a uniform angle
        double expected = -4 + Math.log(besselI0(4));
        assertEquals(expected, AlignmentUniformity.uniformity(circle), 0.01);
    }

    @Test
    void alignmentIsZeroForCoincidingPositivesAndFourForOppositeOnes() {
        assertEquals(0.0, AlignmentUniformity.alignment(List.<float[][]>of(new float[][]{{1, 1}, {2, 2}})), 1e-12);
        assertEquals(4.0, AlignmentUniformity.alignment(List.<float[][]>of(new float[][]{{1, 0}, {-3, 0}})), 1e-12);
    }

    @Test
    void positivesAreFilesSharingALabelOrConsecutiveLinesOfASource() {
        List<FileVector> lines = List.of(new FileVector("a", new float[]{1, 0}), new FileVector("b", new float[]{0, 1}),
                new FileVector("a", new float[]{1, 0.1f}), new FileVector("c", new float[]{-1, 0}));
        Diagnostics consecutive = Diagnostics.of(lines, null, "consecutive");
        assertEquals(1, consecutive.positivePairs());
        assertTrue(consecutive.alignment() < 0.01);

        List<FileVector> files = List.of(new FileVector("x1", new float[]{1, 0}),
                new FileVector("x2", new float[]{1, 0}), new FileVector("y1", new float[]{0, 1}));
        Diagnostics labelled = Diagnostics.of(files, Map.of("x1", "x", "x2", "x", "y1", "y"), "same kind");
        assertEquals(1, labelled.positivePairs());
        assertEquals(0.0, labelled.alignment(), 1e-12);
        assertNull(Diagnostics.of(files, null, "consecutive").alignment());
    }

    @Test
    void aDimensionThatBarelyVariesCountsAsCollapsed() {
        DimensionSpread spread = DimensionSpread.of(List.of(new float[]{1, 5, 0}, new float[]{-1, 5, 0.001f}));
        assertEquals(1.0, spread.max(), 1e-6);
        assertEquals(2, spread.collapsed());
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
