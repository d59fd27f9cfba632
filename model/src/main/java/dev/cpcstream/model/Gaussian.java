package dev.cpcstream.model;

import java.util.SplittableRandom;

/** Standard normal draws from a seeded Java generator, so seeded data does not depend on ND4J's RNG or backend. */
public final class Gaussian {

    private Gaussian() {
    }

    /** Box-Muller. */
    public static double next(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * rng.nextDouble());
    }
}
