package dev.cpcstream.streams.topology;

import dev.cpcstream.monitoring.CpcMetrics;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.DeadLetter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/** Encodes dead letters for the dead-letter topic, under the original record's key bytes. */
final class DeadLetterPublisher implements Processor<String, DeadLetter, byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final CpcMetrics metrics;
    private ProcessorContext<byte[], byte[]> context;

    DeadLetterPublisher(CpcMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, DeadLetter> record) {
        DeadLetter letter = record.value();
        byte[] key = letter.getKey() == null ? null : bytes(letter.getKey());
        context.forward(new Record<>(key, Codecs.DEAD_LETTER.encode(letter), record.timestamp()),
                CpcNames.DEAD_LETTERS_SINK);
        metrics.deadLetter(letter.getReason());
        log.debug("dead letter {} from {}-{}@{}: {}", letter.getReason(), letter.getTopic(), letter.getPartition(),
                letter.getOffset(), letter.getDetail());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
