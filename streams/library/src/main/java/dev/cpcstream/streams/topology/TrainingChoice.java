package dev.cpcstream.streams.topology;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * Which windows go to the trainer: a fraction of them, chosen by a hash of the window's source and first seq, so a
 * replay of the same input chooses the same windows on whichever instance embeds them.
 */
final class TrainingChoice {

    private static final int BUCKETS = 1 << 24;

    private final double fraction;

    /** @param fraction in (0, 1]; 1 chooses every window */
    TrainingChoice(double fraction) {
        this.fraction = fraction;
    }

    boolean chosen(PendingWindow window) {
        if (fraction >= 1) {
            return true;
        }
        byte[] identity = (window.sourceId() + '#' + window.startSeq()).getBytes(StandardCharsets.UTF_8);
        int bucket = Utils.toPositive(Utils.murmur2(identity)) % BUCKETS;
        return bucket < fraction * BUCKETS;
    }
}
