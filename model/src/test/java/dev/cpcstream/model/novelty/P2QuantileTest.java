package dev.cpcstream.model.novelty;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class P2QuantileTest {

    @Test
    void tracksTheTailQuantileOfASkewedStream() {
        SplittableRandom random = new SplittableRandom(7);
        P2Quantile estimate = new P2Quantile(0.99);
        double[] values = new double[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = -Math.log(1 - random.nextDouble());       // exponential: a long right tail, as scores have
            estimate.add(values[i]);
        }
        Arrays.sort(values);
        double exact = values[(int) Math.ceil(0.99 * values.length) - 1];

        assertEquals(exact, estimate.value(), 0.05 * exact, "exact " + exact);
        assertEquals(values.length, estimate.count());
    }

    @Test
    void tracksTheMedianOfAUniformStream() {
        SplittableRandom random = new SplittableRandom(11);
        P2Quantile median = new P2Quantile(0.5);
        for (int i = 0; i < 10_000; i++) {
            median.add(random.nextDouble());
        }
        assertEquals(0.5, median.value(), 0.02);
    }

    @Test
    void followsAShiftOfTheStream() {
        P2Quantile estimate = new P2Quantile(0.9);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            estimate.add(random.nextDouble());
        }
        for (int i = 0; i < 20_000; i++) {
            estimate.add(10 + random.nextDouble());
        }
        assertTrue(estimate.value() > 10.5, "the estimate moved to the new level: " + estimate.value());
    }

    @Test
    void isExactByNearestRankUntilFiveValues() {
        P2Quantile estimate = new P2Quantile(0.5);
        assertTrue(Double.isNaN(estimate.value()));
        estimate.add(3);
        estimate.add(1);
        estimate.add(2);
        assertEquals(2, estimate.value());
        estimate.add(10);
        assertEquals(2, estimate.value(), "nearest rank: the 2nd of 4");
    }

    @Test
    void refusesAQuantileOutsideTheOpenUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new P2Quantile(1.0));
        assertThrows(IllegalArgumentException.class, () -> new P2Quantile(0.0));
    }
}
