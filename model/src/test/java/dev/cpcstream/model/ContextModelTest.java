package dev.cpcstream.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GRU's own tanh against {@code Math.tanh}; the gate equations themselves are covered by the gradient check. */
class ContextModelTest {

    @Test
    void tanhMatchesMathTanh() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            double x = Gaussian.next(rng) * 4;
            assertEquals(Math.tanh(x), ContextModel.tanh(x), 1e-15, "tanh(" + x + ")");
        }
        for (double x : new double[]{0.0, -0.0, 1e-300, -1e-12, 19.0, -19.0, 800.0, -800.0}) {
            assertEquals(Math.tanh(x), ContextModel.tanh(x), 1e-15, "tanh(" + x + ")");
        }
        assertEquals(1.0, ContextModel.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, ContextModel.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(ContextModel.tanh(Double.NaN)), "a NaN must reach the loss, so the step is skipped");
    }
}
