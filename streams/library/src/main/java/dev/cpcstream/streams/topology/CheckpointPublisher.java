package dev.cpcstream.streams.topology;

import dev.cpcstream.monitoring.CpcMetrics;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Encodes a checkpoint for the compacted checkpoint topic, inside the task's transaction, and keeps a copy in the
 * checkpoint directory when one is set. The file is written at once, so it can be newer than the last committed
 * transaction: restore then prefers it, which only skips replaying what the model already learned.
 */
final class CheckpointPublisher implements Processor<String, ModelCheckpoint, String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(CheckpointPublisher.class);

    private final Optional<CheckpointDirectory> directory;
    private final CpcMetrics metrics;
    private ProcessorContext<String, byte[]> context;

    CheckpointPublisher(Optional<CheckpointDirectory> directory, CpcMetrics metrics) {
        this.directory = directory;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, ModelCheckpoint> record) {
        ModelCheckpoint checkpoint = record.value();
        byte[] encoded = Codecs.MODEL_CHECKPOINT.encode(checkpoint);
        context.forward(record.withValue(encoded), CpcNames.CHECKPOINTS_SINK);
        directory.ifPresent(dir -> dir.write(checkpoint.getModelVersion(), encoded));
        metrics.checkpoint(encoded.length, checkpoint.getCreatedAt().toEpochMilli());
        log.info("checkpoint at step {}, model version {}: {} bytes", checkpoint.getStep(),
                checkpoint.getModelVersion(), encoded.length);
    }
}
