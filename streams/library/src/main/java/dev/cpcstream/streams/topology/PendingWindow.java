package dev.cpcstream.streams.topology;

import dev.cpcstream.model.Window;

/**
 * An assembled window waiting in the pending-windows store for its embedding.
 *
 * @param sourceId       the source it was cut from
 * @param startSeq       seq of its first frame
 * @param endSeq         seq of its last frame
 * @param timestampMs    timestamp of its last frame, epoch milliseconds
 * @param samples        {@code [channels * window]} floats, channel-major
 * @param inputPartition "topic-partition" of the input record that completed it
 * @param nextOffset     that record's offset + 1: once learned, the learner has seen its input up to here
 */
public record PendingWindow(String sourceId, long startSeq, long endSeq, long timestampMs, float[] samples,
                            String inputPartition, long nextOffset) {

    public Window toWindow() {
        return new Window(sourceId, timestampMs, samples);
    }
}
