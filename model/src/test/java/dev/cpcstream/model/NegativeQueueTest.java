package dev.cpcstream.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The MoCo queue: bounded FIFO ring, oldest overwritten first, with per-slot ages. */
class NegativeQueueTest {

    private static INDArray rows(float... firstColumn) {
        INDArray a = Nd4j.create(DataType.FLOAT, firstColumn.length, 2);
        for (int i = 0; i < firstColumn.length; i++) {
            a.putScalar(i, 0, firstColumn[i]);
            a.putScalar(i, 1, -firstColumn[i]);
        }
        return a;
    }

    @Test
    void wrapsAroundOverwritingTheOldestKeys() {
        NegativeQueue q = NegativeQueue.random(5, 2, true, 1, DataType.FLOAT);
        assertEquals(0, q.filled());
        q.enqueue(rows(1, 2, 3), 1);
        assertEquals(3, q.filled());
        assertEquals(3, q.pointer());
        q.enqueue(rows(4, 5, 6, 7), 2);
        // slots: 6 7 3 4 5 — 1 and 2 were the oldest and went first
        assertArrayEquals(new float[]{6, 7, 3, 4, 5}, q.keys().getColumn(0).toFloatVector());
        assertArrayEquals(new long[]{2, 2, 1, 2, 2}, q.writtenAtStep());
        assertEquals(2, q.pointer());
        assertEquals(5, q.filled());
        assertEquals(9, q.oldestKeyAge(10));
    }

    @Test
    void aBatchLargerThanTheQueueKeepsItsNewestKeys() {
        NegativeQueue q = NegativeQueue.random(3, 2, true, 1, DataType.FLOAT);
        q.enqueue(rows(1, 2, 3, 4, 5), 1);
        assertArrayEquals(new float[]{3, 4, 5}, q.keys().getColumn(0).toFloatVector());
        assertEquals(0, q.pointer());
    }

    @Test
    void aBatchLargerThanTheQueueWrapsFromAMovedPointer() {
        NegativeQueue q = NegativeQueue.random(3, 2, true, 1, DataType.FLOAT);
        q.enqueue(rows(1), 1);
        q.enqueue(rows(2, 3, 4, 5, 6), 2);
        // pointer was 1: the newest three (4, 5, 6) go to slots 1, 2, 0
        assertArrayEquals(new float[]{6, 4, 5}, q.keys().getColumn(0).toFloatVector());
        assertEquals(1, q.pointer());
        assertArrayEquals(new long[]{2, 2, 2}, q.writtenAtStep());
    }

    @Test
    void samplesOnlyRowsOfTheQueue() {
        NegativeQueue q = NegativeQueue.random(4, 2, true, 1, DataType.FLOAT);
        q.enqueue(rows(10, 20, 30, 40), 1);
        INDArray sample = q.sample(50, new SplittableRandom(3));
        assertEquals(50, sample.rows());
        for (float v : sample.getColumn(0).toFloatVector()) {
            assertEquals(0, v % 10, 0.0);
        }
    }
}
