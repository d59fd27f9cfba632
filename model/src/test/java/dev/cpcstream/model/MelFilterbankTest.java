package dev.cpcstream.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MelFilterbankTest {

    /** The reference: every band weighs every bin. */
    private static double[] denseApply(MelFilterbank filterbank, double[] power) {
        double[] energies = new double[filterbank.bands()];
        for (int b = 0; b < energies.length; b++) {
            for (int k = 0; k < power.length; k++) {
                energies[b] += filterbank.weight(b, k) * power[k];
            }
        }
        return energies;
    }

    @Test
    void summingEachBandOverItsOwnBinsGivesTheDenseSumExactly() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int[] shape : new int[][]{{40, 512, 16000}, {80, 512, 16000}, {24, 256, 8000}, {64, 2048, 44100}}) {
            MelFilterbank filterbank = new MelFilterbank(shape[0], shape[1], shape[2], 20, shape[2] / 2.0);
            for (int trial = 0; trial < 20; trial++) {
                double[] power = new double[shape[1] / 2 + 1];
                for (int k = 0; k < power.length; k++) {
                    power[k] = rng.nextDouble() * Math.pow(10, rng.nextInt(-8, 4));
                }
                double[] expected = denseApply(filterbank, power);
                double[] actual = filterbank.apply(power);
                for (int b = 0; b < expected.length; b++) {
                    assertEquals(expected[b], actual[b], 0.0, "band " + b + " of " + shape[0]);
                }
            }
        }
    }
}
