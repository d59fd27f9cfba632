package dev.cpcstream.streams.app;

import dev.cpcstream.monitoring.CheckpointRejection;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.UndecodableRecordException;
import dev.cpcstream.streams.topology.StoredCheckpoint;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One store's checkpoints (the topic or the directory), newest first, as restore walks back through them: those
 * whose bytes do not decode are rejected on the way, and the caller rejects the current one if it cannot restore it.
 */
final class DecodedCheckpoints {

    /** A checkpoint that decoded, and where it was stored. */
    record Decoded(ModelCheckpoint checkpoint, String location) {
    }

    private final Iterator<StoredCheckpoint> stored;
    private final RejectedCheckpoints rejected;
    private Optional<Decoded> current;

    DecodedCheckpoints(List<StoredCheckpoint> newestFirst, RejectedCheckpoints rejected) {
        this.stored = newestFirst.iterator();
        this.rejected = rejected;
        this.current = nextDecodable();
    }

    /** The newest checkpoint of this store not rejected yet; empty when none is left. */
    Optional<Decoded> current() {
        return current;
    }

    /** The current checkpoint cannot be restored: reject it and move to the one before it. */
    void reject(CheckpointRejection reason, String why) {
        current.ifPresent(decoded -> rejected.reject(decoded.location(), reason, why));
        current = nextDecodable();
    }

    private Optional<Decoded> nextDecodable() {
        while (stored.hasNext()) {
            StoredCheckpoint next = stored.next();
            try {
                return Optional.of(new Decoded(Codecs.MODEL_CHECKPOINT.decode(next.bytes().get()), next.location()));
            } catch (UndecodableRecordException e) {
                rejected.reject(next.location(), CheckpointRejection.UNDECODABLE, e.getMessage());
            }
        }
        return Optional.empty();
    }
}
