package dev.cpcstream.streams.topology;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/** Reads a micro-batch from a store of windows keyed by arrival order, as the embedder and the trainer keep them. */
final class StoredWindows {

    private StoredWindows() {
    }

    /** The first {@code count} windows whose key is {@code from} or later, oldest first. */
    static List<KeyValue<Long, PendingWindow>> oldest(KeyValueStore<Long, PendingWindow> store, long from, int count) {
        List<KeyValue<Long, PendingWindow>> oldest = new ArrayList<>(count);
        try (KeyValueIterator<Long, PendingWindow> windows = store.range(from, Long.MAX_VALUE)) {
            while (windows.hasNext() && oldest.size() < count) {
                oldest.add(windows.next());
            }
        }
        return oldest;
    }
}
