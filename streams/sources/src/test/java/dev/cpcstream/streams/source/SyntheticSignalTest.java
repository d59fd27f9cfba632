package dev.cpcstream.streams.source;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticSignalTest {

    private static final SourceFormat SENSOR = new SourceFormat(50, 6, 256);

    @Test
    void theSameSeedGivesTheSameSignal() {
        float[] first = new SyntheticSignal("s", 2, SENSOR, 7).read(1000);
        float[] again = new SyntheticSignal("s", 2, SENSOR, 7).read(1000);

        assertArrayEquals(first, again);
    }

    @Test
    void sourcesDifferFromEachOther() {
        float[] one = new SyntheticSignal("s0", 0, SENSOR, 7).read(1000);
        float[] two = new SyntheticSignal("s1", 1, SENSOR, 7).read(1000);

        assertFalse(java.util.Arrays.equals(one, two));
    }

    @Test
    void samplesAreInterleavedFiniteAndInRange() {
        float[] samples = new SyntheticSignal("s", 0, SENSOR, 7).read(5000);

        assertEquals(5000 * 6, samples.length);
        for (float sample : samples) {
            assertTrue(Float.isFinite(sample) && Math.abs(sample) < 1, "sample " + sample);
        }
    }
}
