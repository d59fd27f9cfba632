package dev.cpcstream.streams.topology;

import dev.cpcstream.monitoring.CpcMetrics;
import dev.cpcstream.schemas.Embedding;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes each learned window as an {@link Embedding} for the embeddings topic, keyed by sourceId, and mirrors it to
 * the JSON mirror topic when there is one.
 */
final class EmbeddingPublisher implements Processor<String, LearnedWindow, String, byte[]> {

    private final String preset;
    private final TopicCodecs codecs;
    private final CpcMetrics metrics;
    private ProcessorContext<String, byte[]> context;

    EmbeddingPublisher(String preset, TopicCodecs codecs, CpcMetrics metrics) {
        this.preset = preset;
        this.codecs = codecs;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, LearnedWindow> record) {
        LearnedWindow learned = record.value();
        PendingWindow window = learned.window();
        List<Float> vector = new ArrayList<>(learned.context().length);
        for (float value : learned.context()) {
            vector.add(value);
        }
        Embedding embedding = Embedding.newBuilder()
                .setSourceId(window.sourceId())
                .setStartSeq(window.startSeq())
                .setEndSeq(window.endSeq())
                .setTimestamp(Instant.ofEpochMilli(window.timestampMs()))
                .setModelVersion(learned.modelVersion())
                .setModelStep(learned.step())
                .setVector(vector)
                .setDimension(vector.size())
                .setPreset(preset)
                .setTrained(learned.trained())
                .setPrototype(learned.prototype())
                .build();
        context.forward(record.withValue(codecs.embeddings().encode(embedding)), CpcNames.EMBEDDINGS_SINK);
        codecs.jsonMirror().ifPresent(mirror ->
                context.forward(record.withValue(mirror.encode(embedding)), CpcNames.JSON_MIRROR_SINK));
        metrics.embeddingOut(context.currentSystemTimeMs() - window.timestampMs());
    }
}
