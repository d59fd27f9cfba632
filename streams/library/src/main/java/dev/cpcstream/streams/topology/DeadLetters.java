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
                .setDetail(detail)
                .build();
    }
}
