package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class RecentEmbeddingsTest {

    @Test
    void keepsTheLastCapacityRows() {
        RecentEmbeddings recent = new RecentEmbeddings(3);
        recent.add(new float[][] {{1, 1}, {2, 2}});
        recent.add(new float[][] {{3, 3}, {4, 4}});

        float[][] sample = recent.snapshotIfChanged();

        Arrays.sort(sample, Comparator.comparingDouble(row -> row[0]));
        assertArrayEquals(new float[][] {{2, 2}, {3, 3}, {4, 4}}, sample);
    }

    @Test
    void anUnchangedSampleIsNotHandedOutTwice() {
        RecentEmbeddings recent = new RecentEmbeddings(3);
        assertNull(recent.snapshotIfChanged());

        recent.add(new float[][] {{1}});
        assertEquals(1, recent.snapshotIfChanged().length);
        assertNull(recent.snapshotIfChanged());
    }

    @Test
    void copiesRowsSoTheCallerMayReuseItsArrays() {
        RecentEmbeddings recent = new RecentEmbeddings(2);
        float[][] batch = {{1, 2}};
        recent.add(batch);
        batch[0][0] = 99;

        assertArrayEquals(new float[] {1, 2}, recent.snapshotIfChanged()[0]);
    }

    @Test
    void aNewWidthStartsAFreshSample() {
        RecentEmbeddings recent = new RecentEmbeddings(4);
        recent.add(new float[][] {{1, 1}, {2, 2}});
        recent.add(new float[][] {{3, 3, 3}});

        assertArrayEquals(new float[][] {{3, 3, 3}}, recent.snapshotIfChanged());
    }
}
