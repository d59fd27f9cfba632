package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.UnitRows;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MoCo's queue of negative keys: a fixed-size FIFO ring of key-encoder outputs, one row per encoded frame. Like
 * MoCo it starts full of random unit vectors, which the first steps' keys push out.
 */
final class NegativeQueue {

    private final INDArray keys;          // [Q, C]
    private final long[] writtenAtStep;   // per slot: the step whose key pass wrote it; -1 for the random start
    private int pointer;                  // next slot to overwrite: the oldest key once the ring has wrapped

    NegativeQueue(INDArray keys, long[] writtenAtStep, int pointer) {
        this.keys = keys;
        this.writtenAtStep = writtenAtStep;
        this.pointer = pointer;
    }

    /** A queue of {@code size} random keys (unit-normalised when {@code normalize}). */
    static NegativeQueue random(int size, int channels, boolean normalize, long seed, DataType type) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[size * channels];
        for (int i = 0; i < values.length; i++) {
            values[i] = Gaussian.next(rng);
        }
        INDArray keys = Nd4j.create(values, new long[]{size, channels}, type);
        if (normalize) {
            UnitRows.normalize(keys);
        }
        long[] written = new long[size];
        Arrays.fill(written, -1);
        return new NegativeQueue(keys, written, 0);
    }

    /** N keys drawn uniformly with replacement, shared by every anchor of the step: {@code [N, C]}. */
    INDArray sample(int n, SplittableRandom rng) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = rng.nextInt(size());
        }
        return Nd4j.pullRows(keys, 1, rows);
    }

    /** Enqueues the step's keys, overwriting the oldest; a batch larger than the queue keeps its last Q keys. */
    void enqueue(INDArray newKeys, long step) {
        int q = size();
        long n = newKeys.size(0);
        long start = Math.max(0, n - q);                  // rows [start, n) are kept
        int count = (int) (n - start);
        int first = Math.min(count, q - pointer);         // rows that fit before the ring wraps
        copyRows(newKeys, start, pointer, first);
        copyRows(newKeys, start + first, 0, count - first);
        for (int i = 0; i < count; i++) {
            writtenAtStep[(pointer + i) % q] = step;
        }
        pointer = (pointer + count) % q;
    }

    /** Rows {@code [from, from + rows)} of {@code source} into queue slots {@code [slot, slot + rows)}. */
    private void copyRows(INDArray source, long from, int slot, int rows) {
        if (rows > 0) {
            keys.get(NDArrayIndex.interval(slot, slot + rows), NDArrayIndex.all())
                    .assign(source.get(NDArrayIndex.interval(from, from + rows), NDArrayIndex.all()));
        }
    }

    int size() {
        return (int) keys.size(0);
    }

    /** Slots holding keys from the key encoder rather than the random start. */
    int filled() {
        return (int) Arrays.stream(writtenAtStep).filter(s -> s >= 0).count();
    }

    /** Steps since the oldest key a negative can be drawn from was written (the random start counts as step 0). */
    long oldestKeyAge(long step) {
        long oldest = Arrays.stream(writtenAtStep).map(s -> Math.max(s, 0)).min().orElse(step);
        return step - oldest;
    }

    INDArray keys() {
        return keys;
    }

    long[] writtenAtStep() {
        return writtenAtStep;
    }

    int pointer() {
        return pointer;
    }
}
