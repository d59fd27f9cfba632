package dev.cpcstream.monitoring;

import java.util.Arrays;

/**
 * The last {@code capacity} embeddings seen, oldest overwritten first. Written by the streaming thread, copied out by
 * the thread that computes statistics; the copy keeps the computation outside the lock.
 */
final class RecentEmbeddings {

    private final float[][] rows;
    private int next;
    private int size;
    /** Rows added since the last {@link #snapshotIfChanged()}; statistics of an unchanged sample are not recomputed. */
    private long added;

    RecentEmbeddings(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("the embedding sample needs at least 2 rows, got " + capacity);
        }
        rows = new float[capacity][];
    }

    /** Adds copies of {@code batch}'s rows ({@code [B][H]}); a new width H starts the sample afresh. */
    synchronized void add(float[][] batch) {
        for (float[] row : batch) {
            if (size > 0 && rows[(next - 1 + rows.length) % rows.length].length != row.length) {
                Arrays.fill(rows, null);
                next = 0;
                size = 0;
            }
            rows[next] = row.clone();
            next = (next + 1) % rows.length;
            size = Math.min(size + 1, rows.length);
            added++;
        }
    }

    /** The current sample, {@code [n][H]} in no particular order, or null if nothing was added since the last call. */
    synchronized float[][] snapshotIfChanged() {
        if (added == 0) {
            return null;
        }
        added = 0;
        return Arrays.copyOf(rows, size);
    }
}
