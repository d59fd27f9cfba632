package dev.cpcstream.streams.topology;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelSnapshot;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Encodes the trainer's weights for the compacted model topic, inside the task's transaction. */
final class SnapshotPublisher implements Processor<String, ModelSnapshot, String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(SnapshotPublisher.class);

    private ProcessorContext<String, byte[]> context;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, ModelSnapshot> record) {
        ModelSnapshot snapshot = record.value();
        byte[] encoded = Codecs.MODEL_SNAPSHOT.encode(snapshot);
        context.forward(record.withValue(encoded), CpcNames.MODEL_SINK);
        log.debug("snapshot of model version {}, step {}: {} bytes", snapshot.getModelVersion(), snapshot.getStep(),
                encoded.length);
    }
}
