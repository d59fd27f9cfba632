package dev.cpcstream.model.nd4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads one ND4J op may use: its own loops and the BLAS under them. Both are process-wide, so they are
 * set together, once, before the first op; ND4J's default is one thread per core for every op of every thread.
 */
public final class MathThreads {

    private MathThreads() {
    }

    /** @throws IllegalArgumentException below 1 */
    public static void use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("math threads must be at least 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
