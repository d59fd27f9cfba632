package dev.cpcstream.streams.app;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.UndecodableRecordException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the checkpoint topic's single partition with {@code read_committed}, so a checkpoint of an aborted
 * transaction is never restored: to its end for the newest checkpoint, or from an offset for one taken later.
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

    /** The last committed checkpoint, empty when there is none (or the last record is a tombstone). */
    Optional<ModelCheckpoint> newest(Instant deadline) {
        long end = endOffset();
        consumer.seekToBeginning(List.of(partition));
        ConsumerRecord<byte[], byte[]> newest = null;
        while (consumer.position(partition) < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                newest = record;
            }
            requireBefore(deadline, "read the checkpoint topic " + partition.topic() + " to its end (offset " + end
                    + ")");
        }
        return newest == null || newest.value() == null ? Optional.empty() : Optional.of(decode(newest));
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
