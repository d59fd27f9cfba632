package dev.cpcstream.streams.topology;

import dev.cpcstream.monitoring.CpcMetrics;
import dev.cpcstream.schemas.DeadLetterReason;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second processor: offers each checked frame to its source's {@link SourceAssembly}, kept in the persistent
 * assembler store so a restart resumes mid-window, and forwards every window it cuts to the learner. The frames'
 * samples go to the assembler's frames store, one record per frame, so what is rewritten per frame is only the
 * source's small sequencing state.
 */
final class WindowAssembler implements Processor<String, CheckedFrame, String, Object> {

    private static final Logger log = LoggerFactory.getLogger(WindowAssembler.class);

    private final AssemblyRules rules;
    private final CpcMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, SourceAssembly> assemblies;
    private KeyValueStore<FrameKey, FrameSamples> frames;

    WindowAssembler(AssemblyRules rules, CpcMetrics metrics) {
        this.rules = rules;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.assemblies = context.getStateStore(CpcNames.ASSEMBLER_STORE);
        this.frames = context.getStateStore(CpcNames.ASSEMBLER_FRAMES_STORE);
    }

    @Override
    public void process(Record<String, CheckedFrame> record) {
        String sourceId = record.key();
        SourceAssembly assembly = assemblies.get(sourceId);
        if (assembly == null) {
            assembly = new SourceAssembly(rules);
        }
        assembly.offer(record.value().frame(), new SourceFrames(frames, sourceId), new Forwarder(record));
        assemblies.put(sourceId, assembly);
    }

    /** Turns what the assembly reports about the current input record into forwards and meters. */
    private final class Forwarder implements AssemblyListener {

        private final Record<String, CheckedFrame> record;

        Forwarder(Record<String, CheckedFrame> record) {
            this.record = record;
        }

        @Override
        public void window(AssembledWindow window) {
            metrics.window();
            RecordMetadata input = context.recordMetadata().orElseThrow();
            PendingWindow pending = new PendingWindow(record.key(), window.startSeq(), window.endSeq(),
                    window.timestampMs(), window.samples(), input.topic() + "-" + input.partition(),
                    input.offset() + 1);
            context.forward(new Record<>(record.key(), pending, window.timestampMs()), CpcNames.LEARN);
        }

        @Override
        public void duplicate(DecodedFrame frame) {
            metrics.duplicate();
        }

        @Override
        public void reordered(DecodedFrame frame) {
            metrics.reordered();
        }

        @Override
        public void gap(long fromSeq, long toSeq) {
            metrics.gap();
            log.debug("source '{}' misses frames {}..{}; applying {}", record.key(), fromSeq, toSeq,
                    rules.gapPolicy().settingValue());
        }

        @Override
        public void tooLate(DecodedFrame frame) {
            deadLetter(DeadLetterReason.OUT_OF_ORDER, "frame seq " + frame.seq() + " of source '" + record.key()
                    + "' arrived after its place was declared a gap (more than " + rules.reorderBuffer()
                    + " later frames came first): raise cpc.reorder.buffer to wait longer for late frames");
        }

        @Override
        public void seqJump(DecodedFrame frame, long expectedSeq, long previousTimestampMs) {
            deadLetter(DeadLetterReason.SEQ_JUMP, "frame seq " + frame.seq() + " of source '" + record.key()
                    + "' skips " + (frame.seq() - expectedSeq) + " frames after seq " + (expectedSeq - 1)
                    + ", yet its timestamp is " + (frame.timestampMs() - previousTimestampMs)
                    + " ms after that frame's: taken for a corrupt seq, the source still waits for seq " + expectedSeq
                    + "; a source that really skips ahead must move its timestamps with its seq");
        }

        private void deadLetter(DeadLetterReason reason, String detail) {
            var letter = DeadLetters.of(context, record, record.value().rawKey(), record.value().rawValue(), reason,
                    detail);
            context.forward(new Record<>(null, letter, record.timestamp()), CpcNames.PUBLISH_DEAD_LETTERS);
        }
    }
}
