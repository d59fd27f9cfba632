package dev.cpcstream.streams.app;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.UndecodableRecordException;
import dev.cpcstream.streams.topology.StoredCheckpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the checkpoint topic's single partition with {@code read_committed}, so a checkpoint of an aborted
 * transaction is never restored: to its end for the checkpoints to restore, or from an offset for one taken later.
 */
final class CheckpointTopic implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;

    CheckpointTopic(Map<String, Object> consumerProperties, String topic) {
        Map<String, Object> props = new HashMap<>(consumerProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cpcstream-checkpoint-reader");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
    }

    /** The offset the next committed checkpoint will have at the earliest. */
    long endOffset() {
        return consumer.endOffsets(List.of(partition)).get(partition);
    }

    /**
     * Every committed checkpoint still on the topic, newest first, their bytes read when asked for; none from before
     * the last tombstone, which deletes the model. Compaction keeps the newest, and older ones for a while.
     */
    List<StoredCheckpoint> newestFirst(Instant deadline) {
        long end = endOffset();
        consumer.seekToBeginning(List.of(partition));
        List<Long> offsets = new ArrayList<>();
        while (consumer.position(partition) < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() >= end) {
                    break;
                }
                if (record.value() == null) {
                    offsets.clear();
                } else {
                    offsets.add(record.offset());
                }
            }
            requireBefore(deadline, "read the checkpoint topic " + partition.topic() + " to its end (offset " + end
                    + ")");
        }
        List<StoredCheckpoint> found = new ArrayList<>();
        for (int i = offsets.size() - 1; i >= 0; i--) {
            long offset = offsets.get(i);
            found.add(new StoredCheckpoint("checkpoint topic " + partition + " at offset " + offset,
                    () -> read(offset, deadline)));
        }
        return found;
    }

    /**
     * Waits until {@code taken}, or a checkpoint taken after it, is committed at or after {@code fromOffset}; the
     * learner stamps each checkpoint with the instant it was taken.
     */
    void awaitCommitted(ModelCheckpoint taken, long fromOffset, Instant deadline) {
        consumer.seek(partition, fromOffset);
        while (true) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.value() != null && !decode(record).getCreatedAt().isBefore(taken.getCreatedAt())) {
                    return;
                }
            }
            requireBefore(deadline, "see the requested checkpoint committed to " + partition.topic());
        }
    }

    private byte[] read(long offset, Instant deadline) {
        consumer.seek(partition, offset);
        while (true) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() != offset) {
                    throw new IllegalStateException("the checkpoint at " + partition + "@" + offset + " was compacted"
                            + " away while it was being restored; start again to restore the newest one");
                }
                return record.value();
            }
            requireBefore(deadline, "read the checkpoint at " + partition + "@" + offset);
        }
    }

    private static ModelCheckpoint decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Codecs.MODEL_CHECKPOINT.decode(record.value());
        } catch (UndecodableRecordException e) {
            throw new IllegalStateException("checkpoint at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " cannot be read (" + e.getMessage() + "); a model cannot resume from it:"
                    + " delete the checkpoint topic to start a fresh model, or use a cpcstream version that reads it",
                    e);
        }
    }

    private static void requireBefore(Instant deadline, String what) {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("timed out trying to " + what);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
