package dev.cpcstream.streams.topology;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * One source's frames in the assembler's frames store: each accepted frame is written once under (sourceId, seq),
 * read back by a range read when a window is cut, and deleted once the windows have hopped past it.
 */
final class SourceFrames {

    private final KeyValueStore<FrameKey, FrameSamples> store;
    private final String sourceId;

    SourceFrames(KeyValueStore<FrameKey, FrameSamples> store, String sourceId) {
        this.store = store;
        this.sourceId = sourceId;
    }

    void put(long seq, FrameSamples frame) {
        store.put(new FrameKey(sourceId, seq), frame);
    }

    void delete(long seq) {
        store.delete(new FrameKey(sourceId, seq));
    }

    /**
     * Frames {@code fromSeq..toSeq}, every one of which must be stored.
     *
     * @throws IllegalStateException when one is missing: the assembly's state and its frames disagree
     */
    List<FrameSamples> read(long fromSeq, long toSeq) {
        List<FrameSamples> frames = new ArrayList<>((int) (toSeq - fromSeq + 1));
        try (KeyValueIterator<FrameKey, FrameSamples> range = store.range(new FrameKey(sourceId, fromSeq),
                new FrameKey(sourceId, toSeq))) {
            while (range.hasNext()) {
                var entry = range.next();
                if (entry.key.seq() != fromSeq + frames.size()) {
                    throw missing(fromSeq + frames.size());
                }
                frames.add(entry.value);
            }
        }
        if (frames.size() != toSeq - fromSeq + 1) {
            throw missing(fromSeq + frames.size());
        }
        return frames;
    }

    private IllegalStateException missing(long seq) {
        return new IllegalStateException("frame seq " + seq + " of source '" + sourceId + "' is missing from the "
                + CpcNames.ASSEMBLER_FRAMES_STORE + " store although the source's assembly buffers it");
    }
}
