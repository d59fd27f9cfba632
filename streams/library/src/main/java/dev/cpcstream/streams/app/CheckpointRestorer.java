package dev.cpcstream.streams.app;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.monitoring.CheckpointRejection;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.streams.app.DecodedCheckpoints.Decoded;
import dev.cpcstream.streams.topology.CheckpointDirectory;
import dev.cpcstream.streams.topology.LearnerOwner;
import dev.cpcstream.streams.topology.StoredCheckpoint;
import dev.cpcstream.streams.topology.StreamSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Before the streams client runs (the embedding learner) and in the trainer task's init (the training learner):
 * the learner from the newest checkpoint (by model version) of the checkpoint topic and the checkpoint directory,
 * or a fresh one when there is none. A damaged checkpoint (its bytes do not decode, or its state does not fit its
 * config) is passed over for the newest one before it, with a WARN line and a count by reason; when every stored
 * checkpoint is damaged, restore fails rather than start a fresh model over them. A checkpoint of another model
 * config is refused rather than silently replaced, since that would throw away everything the model learned.
 */
final class CheckpointRestorer {

    private static final Logger log = LoggerFactory.getLogger(CheckpointRestorer.class);

    private CheckpointRestorer() {
    }

    /** @param trains whether the learner is the trainer task's, or an instance's embedding learner */
    static LearnerOwner restore(CpcConfig wanted, StreamSettings settings, CheckpointTopic topic, Instant deadline,
                                boolean trains, RejectedCheckpoints rejected) {
        List<StoredCheckpoint> onTopic = topic.newestFirst(deadline);
        List<StoredCheckpoint> inDirectory = settings.checkpointDir()
                .map(dir -> new CheckpointDirectory(dir, settings.checkpointsKept()).newestFirst())
                .orElse(List.of());
        List<DecodedCheckpoints> stores = List.of(new DecodedCheckpoints(onTopic, rejected),
                new DecodedCheckpoints(inDirectory, rejected));
        for (Optional<DecodedCheckpoints> newest = newestOf(stores); newest.isPresent(); newest = newestOf(stores)) {
            Decoded candidate = newest.get().current().orElseThrow();
            ModelCheckpoint checkpoint = candidate.checkpoint();
            try {
                requireSameModel(wanted, checkpoint);
                LearnerOwner owner = LearnerOwner.restored(checkpoint, settings, trains);
                log.info("restoring the checkpoint of model version {}, step {}, taken {}, from the {}",
                        checkpoint.getModelVersion(), checkpoint.getStep(), checkpoint.getCreatedAt(),
                        candidate.location());
                return owner;
            } catch (IllegalArgumentException e) {
                newest.get().reject(CheckpointRejection.INVALID, e.getMessage());
            }
        }
        if (!onTopic.isEmpty() || !inDirectory.isEmpty()) {
            throw new IllegalStateException("none of the " + (onTopic.size() + inDirectory.size()) + " stored"
                    + " checkpoints can be restored (each is logged above): to start a fresh model, delete the"
                    + " checkpoint topic and the files of cpc.checkpoint.dir, or choose another cpc.topic.prefix");
        }
        log.info("no checkpoint found: starting a fresh '{}' model", wanted.preset());
        return LearnerOwner.fresh(wanted, settings, trains);
    }

    /** The store whose current checkpoint has the highest model version; empty when no store has one left. */
    private static Optional<DecodedCheckpoints> newestOf(List<DecodedCheckpoints> stores) {
        return stores.stream().filter(store -> store.current().isPresent())
                .max(Comparator.comparingLong(store -> store.current().orElseThrow().checkpoint().getModelVersion()));
    }

    private static void requireSameModel(CpcConfig wanted, ModelCheckpoint checkpoint) {
        Map<String, String> saved = CpcConfig.fromMap(checkpoint.getConfig()).toMap();
        Map<String, String> differences = new TreeMap<>();
        wanted.toMap().forEach((key, value) -> {
            if (!value.equals(saved.get(key))) {
                differences.put(key, saved.get(key) + " in the checkpoint, " + value + " now");
            }
        });
        if (!differences.isEmpty()) {
            throw new IllegalStateException("the newest checkpoint (model version " + checkpoint.getModelVersion()
                    + ") was trained with other model settings: " + differences + ". Restart with the checkpoint's"
                    + " settings to resume it, or choose another cpc.topic.prefix (and cpc.checkpoint.dir) to start"
                    + " a new model");
        }
    }
}
