package dev.cpcstream.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PCL's phi: spread over log size, single-key clusters given the loosest phi, clamped to percentiles, mean tau. */
class ConcentrationsTest {

    @Test
    void followsPclsEstimateClampAndRescale() {
        double tau = 0.2;
        // raw phi = sum / (n ln(n + 10)): a, 2a, (one key: the loosest, 4a), 4a with a = 1 / (10 ln 20)
        double[] phi = Concentrations.estimate(new double[]{1, 2, 0, 4}, new double[]{10, 10, 1, 10}, tau);
        // clamped to numpy's 10th..90th percentile of {a, 2a, 4a, 4a}: 1.3a..4a, then scaled to mean tau
        double[] relative = {1.3, 2, 4, 4};
        double mean = (1.3 + 2 + 4 + 4) / 4;
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = tau * relative[i] / mean;
        }
        assertArrayEquals(expected, phi, 1e-12);
    }

    @Test
    void keysWithNoSpreadGetTauEverywhere() {
        assertArrayEquals(new double[]{0.07, 0.07, 0.07},
                Concentrations.estimate(new double[]{0, 0, 0}, new double[]{5, 1, 0}, 0.07), 0.0);
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1.3, Concentrations.percentile(sorted, 10), 1e-12);
        assertEquals(3.7, Concentrations.percentile(sorted, 90), 1e-12);
        assertEquals(4.0, Concentrations.percentile(sorted, 100), 0.0);
    }
}
