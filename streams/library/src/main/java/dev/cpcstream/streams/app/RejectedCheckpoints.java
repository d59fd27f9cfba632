package dev.cpcstream.streams.app;

import dev.cpcstream.monitoring.CheckpointRejection;
import dev.cpcstream.monitoring.CpcMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored checkpoints restore passed over, each logged in one WARN line and counted once however many learners
 * of this instance restore (the embedding learner at start, the trainer task's in its init, again after a move).
 */
final class RejectedCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(RejectedCheckpoints.class);

    private final CpcMetrics metrics;
    private final Set<String> locations = ConcurrentHashMap.newKeySet();

    RejectedCheckpoints(CpcMetrics metrics) {
        this.metrics = metrics;
    }

    /** @param why what is wrong with it, for the operator */
    void reject(String location, CheckpointRejection reason, String why) {
        if (locations.add(location)) {
            log.warn("passing over the {}, {}: {}; trying the one before it", location,
                    reason.name().toLowerCase(Locale.ROOT), why);
            metrics.checkpointRejected(reason);
        }
    }
}
