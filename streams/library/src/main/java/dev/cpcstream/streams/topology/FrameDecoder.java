package dev.cpcstream.streams.topology;

import dev.cpcstream.monitoring.CpcMetrics;
import dev.cpcstream.schemas.DeadLetterReason;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.RecordCodec;
import dev.cpcstream.schemas.UndecodableRecordException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * First processor: turns the raw bytes of the frames topic into checked, de-interleaved frames for the assembler,
 * and anything it cannot use into a dead letter, so one bad record never stops the application. Reading raw bytes
 * (rather than a deserializer) is what lets an undecodable record reach the dead-letter topic intact.
 */
final class FrameDecoder implements Processor<byte[], byte[], String, Object> {

    /**
     * The largest record (key and value bytes) taken as a frame. Its dead letter carries it whole plus metadata,
     * and must still fit Kafka's default record limit (1 MiB, the producer's max.request.size and the topic's
     * max.message.bytes), or the dead-letter write would fail and stop the application.
     */
    static final int MAX_RECORD_BYTES = 512 * 1024;
    /**
     * The longest sourceId, UTF-8 bytes: it names a device, yet keys every embedding, the stores and each
     * checkpoint's carried states, so a huge one would make those records too large to write.
     */
    static final int MAX_SOURCE_ID_BYTES = 256;

    private final RecordCodec<Frame> frames;
    private final SampleDecoder samples;
    private final CpcMetrics metrics;
    private ProcessorContext<String, Object> context;

    FrameDecoder(RecordCodec<Frame> frames, SampleDecoder samples, CpcMetrics metrics) {
        this.frames = frames;
        this.samples = samples;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.framesIn(1);
        if (size(record.key()) + size(record.value()) > MAX_RECORD_BYTES) {
            deadLetterTooLarge(record);
            return;
        }
        try {
            Frame frame = decode(record.value());
            checkSourceAndKey(record.key(), frame);
            CheckedFrame checked = new CheckedFrame(samples.decode(frame), record.key(), record.value());
            context.forward(new Record<>(frame.getSourceId(), checked, record.timestamp()), CpcNames.ASSEMBLE);
        } catch (RejectedFrameException e) {
            deadLetter(record, record.key(), record.value(), e.reason(), e.getMessage());
        }
    }

    /** Keeps the key when it alone fits, never the value: the dead letter must stay under the record limit. */
    private void deadLetterTooLarge(Record<byte[], byte[]> record) {
        byte[] key = size(record.key()) <= MAX_RECORD_BYTES ? record.key() : null;
        deadLetter(record, key, null, DeadLetterReason.TOO_LARGE, "the record has a " + size(record.key())
                + "-byte key and a " + size(record.value()) + "-byte value, over the " + MAX_RECORD_BYTES
                + " bytes a frame may have (the value is not kept): send shorter frames");
    }

    private void deadLetter(Record<byte[], byte[]> record, byte[] key, byte[] value, DeadLetterReason reason,
                            String detail) {
        var letter = DeadLetters.of(context, record, key, value, reason, detail);
        context.forward(new Record<>(null, letter, record.timestamp()), CpcNames.PUBLISH_DEAD_LETTERS);
    }

    private static int size(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    /** A registry that cannot be asked is no fault of the record: that failure stops the task instead. */
    private Frame decode(byte[] value) {
        if (value == null) {
            throw new RejectedFrameException(DeadLetterReason.UNDECODABLE, "the record has no value (a tombstone)");
        }
        try {
            return frames.decode(value);
        } catch (UndecodableRecordException e) {
            throw new RejectedFrameException(DeadLetterReason.UNDECODABLE, e.getMessage());
        }
    }

    /**
     * A sourceId short enough to key the outputs, and the key it is produced with, which must be the sourceId: one
     * source must stay on one partition, hence in one task's assembly, and the key is what partitions it.
     */
    private static void checkSourceAndKey(byte[] key, Frame frame) {
        byte[] expected = frame.getSourceId().getBytes(StandardCharsets.UTF_8);
        if (expected.length > MAX_SOURCE_ID_BYTES) {
            throw new RejectedFrameException(DeadLetterReason.TOO_LARGE, "frame seq " + frame.getSeq() + " has a "
                    + expected.length + "-byte sourceId, over the " + MAX_SOURCE_ID_BYTES + " bytes allowed: name"
                    + " sources shortly");
        }
        if (!Arrays.equals(key, expected)) {
            throw new RejectedFrameException(DeadLetterReason.KEY_MISMATCH, "frame seq " + frame.getSeq()
                    + " of source '" + frame.getSourceId() + "' was produced with "
                    + (key == null ? "no key" : "key '" + new String(key, StandardCharsets.UTF_8) + "'")
                    + ": key frames by their sourceId (UTF-8) so each source stays on one partition");
        }
    }
}
