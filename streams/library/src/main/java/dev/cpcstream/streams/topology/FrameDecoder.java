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
        try {
            Frame frame = decode(record.value());
            checkKey(record.key(), frame);
            CheckedFrame checked = new CheckedFrame(samples.decode(frame), record.key(), record.value());
            context.forward(new Record<>(frame.getSourceId(), checked, record.timestamp()), CpcNames.ASSEMBLE);
        } catch (RejectedFrameException e) {
            var letter = DeadLetters.of(context, record, record.key(), record.value(), e.reason(), e.getMessage());
            context.forward(new Record<>(null, letter, record.timestamp()), CpcNames.PUBLISH_DEAD_LETTERS);
        }
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

    /** One source must stay on one partition, hence in one task's assembly: the key is what partitions it. */
    private static void checkKey(byte[] key, Frame frame) {
        byte[] expected = frame.getSourceId().getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(key, expected)) {
            String actual = key == null ? "no key" : "key '" + new String(key, StandardCharsets.UTF_8) + "'";
            throw new RejectedFrameException(DeadLetterReason.OTHER, "frame seq " + frame.getSeq() + " of source '"
                    + frame.getSourceId() + "' was produced with " + actual
                    + ": key frames by their sourceId (UTF-8) so each source stays on one partition");
        }
    }
}
