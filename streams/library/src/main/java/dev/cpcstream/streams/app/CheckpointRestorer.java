package dev.cpcstream.streams.app;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.streams.topology.CheckpointDirectory;
import dev.cpcstream.streams.topology.LearnerOwner;
import dev.cpcstream.streams.topology.StreamSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Before the streams client runs (the embedding learner) and in the trainer task's init (the training learner):
 * the learner from the newest checkpoint (by model version) of the checkpoint
 * topic and the checkpoint directory, or a fresh one when there is none. A checkpoint of another model config is
 * refused rather than silently replaced, since that would throw away everything the model learned.
 */
final class CheckpointRestorer {

    private static final Logger log = LoggerFactory.getLogger(CheckpointRestorer.class);

    private CheckpointRestorer() {
    }

    /** @param trains whether the learner is the trainer task's, or an instance's embedding learner */
    static LearnerOwner restore(CpcConfig wanted, StreamSettings settings, CheckpointTopic topic, Instant deadline,
                                boolean trains) {
        Optional<ModelCheckpoint> fromTopic = topic.newest(deadline);
        Optional<ModelCheckpoint> fromDirectory = settings.checkpointDir()
                .flatMap(dir -> new CheckpointDirectory(dir, settings.checkpointsKept()).newest());
        Optional<ModelCheckpoint> newest = Stream.of(fromTopic, fromDirectory).flatMap(Optional::stream)
                .max(Comparator.comparingLong(ModelCheckpoint::getModelVersion));
        if (newest.isEmpty()) {
            log.info("no checkpoint found: starting a fresh '{}' model", wanted.preset());
            return LearnerOwner.fresh(wanted, settings, trains);
        }
        ModelCheckpoint checkpoint = newest.get();
        requireSameModel(wanted, checkpoint);
        log.info("restoring the checkpoint of model version {}, step {}, taken {}, from the {}",
                checkpoint.getModelVersion(), checkpoint.getStep(), checkpoint.getCreatedAt(),
                fromTopic.equals(newest) ? "checkpoint topic" : "checkpoint directory");
        return LearnerOwner.restored(checkpoint, settings, trains);
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
