package dev.cpcstream.streams.topology;

import dev.cpcstream.monitoring.CpcMetrics;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelSnapshot;
import dev.cpcstream.schemas.UndecodableRecordException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global processor of the model topic, on every instance: keeps the newest snapshot in the global model store
 * and hands each one to the learner owner, which takes its weights if they are newer than the weights in use. The
 * first weights taken make a follower ready. At start it follows what the store already holds, so a restarted
 * instance embeds with the newest weights before its first micro-batch.
 */
final class ModelFollower implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(ModelFollower.class);

    private final LearnerOwner owner;
    private final CpcMetrics metrics;
    private KeyValueStore<String, byte[]> store;

    ModelFollower(LearnerOwner owner, CpcMetrics metrics) {
        this.owner = owner;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(CpcNames.MODEL_STORE);
        byte[] newest = store.get(CpcNames.SNAPSHOT_KEY);
        if (newest != null) {
            follow(newest);
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        store.put(record.key(), record.value());
        follow(record.value());
    }

    private void follow(byte[] encoded) {
        ModelSnapshot snapshot;
        try {
            snapshot = Codecs.MODEL_SNAPSHOT.decode(encoded);
        } catch (UndecodableRecordException e) {
            metrics.snapshotRefused();
            log.error("refused a record of the model topic that is not a ModelSnapshot: {}", e.getMessage());
            return;
        }
        if (!owner.canFollow(snapshot)) {
            metrics.snapshotRefused();
            log.error("refused the snapshot of model version {}: it was trained with model config {} (preset '{}'),"
                    + " this instance runs {} (preset '{}'); run every instance of one application with the same"
                    + " cpc.preset and cpc.model.* settings", snapshot.getModelVersion(), snapshot.getConfigHash(),
                    snapshot.getPreset(), owner.config().hash(), owner.config().preset());
            return;
        }
        metrics.snapshotSeen(snapshot.getModelVersion());
        if (owner.follow(snapshot)) {
            metrics.weightsInUse(snapshot.getModelVersion());
            log.debug("following model version {}, step {}", snapshot.getModelVersion(), snapshot.getStep());
        }
        if (owner.holdsModel()) {
            metrics.health().modelRestored();
        }
    }
}
