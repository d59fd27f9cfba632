package dev.cpcstream.streams.topology;

import dev.cpcstream.schemas.DeadLetter;
import dev.cpcstream.schemas.DeadLetterReason;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds the dead letter of the input record being processed, from its original bytes and its metadata. */
final class DeadLetters {

    /**
     * Characters of detail kept: a detail quotes parts of the record (its sourceId, its key), and the dead letter,
     * which also carries the record whole, must stay under Kafka's record limit.
     */
    static final int MAX_DETAIL_CHARS = 1000;

    private DeadLetters() {
    }

    static DeadLetter of(ProcessingContext context, Record<?, ?> record, byte[] rawKey, byte[] rawValue,
                         DeadLetterReason reason, String detail) {
        RecordMetadata source = context.recordMetadata().orElseThrow(() -> new IllegalStateException(
                "a dead letter needs the input record's metadata, which a punctuator does not have"));
        return DeadLetter.newBuilder()
                .setKey(rawKey == null ? null : ByteBuffer.wrap(rawKey))
                .setValue(rawValue == null ? null : ByteBuffer.wrap(rawValue))
                .setTopic(source.topic())
                .setPartition(source.partition())
                .setOffset(source.offset())
                .setTimestamp(Instant.ofEpochMilli(record.timestamp()))
                .setReason(reason)
                .setDetail(detail.length() <= MAX_DETAIL_CHARS ? detail
                        : detail.substring(0, MAX_DETAIL_CHARS) + "... (" + detail.length() + " characters)")
                .build();
    }
}
