package dev.cpcstream.streams.topology;

import dev.cpcstream.model.novelty.NoveltyScore;
import dev.cpcstream.model.novelty.NoveltyScorer;
import dev.cpcstream.monitoring.CpcMetrics;
import dev.cpcstream.schemas.Embedding;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Encodes each learned window as an {@link Embedding} for the embeddings topic, keyed by sourceId, with its novelty
 * score when novelty is on; a novel window's Embedding also goes to the novelty topic, and each one to the JSON
 * mirror topic when there is one.
 */
final class EmbeddingPublisher implements Processor<String, LearnedWindow, String, byte[]> {

    private final String preset;
    private final TopicCodecs codecs;
    private final Optional<NoveltyScorer> novelty;
    private final CpcMetrics metrics;
    private ProcessorContext<String, byte[]> context;

    EmbeddingPublisher(String preset, TopicCodecs codecs, Optional<NoveltyScorer> novelty, CpcMetrics metrics) {
        this.preset = preset;
        this.codecs = codecs;
        this.novelty = novelty;
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
        Optional<NoveltyScore> score = novelty.map(scorer -> scorer.score(window.sourceId(), window.timestampMs(),
                learned.modelVersion(), learned.context(), learned.ownFrameLoss()));
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
                .setNovelty(score.map(NoveltyRecords::of).orElse(null))
                .build();
        byte[] bytes = codecs.embeddings().encode(embedding);
        context.forward(record.withValue(bytes), CpcNames.EMBEDDINGS_SINK);
        codecs.jsonMirror().ifPresent(mirror ->
                context.forward(record.withValue(mirror.encode(embedding)), CpcNames.JSON_MIRROR_SINK));
        metrics.embeddingOut(context.currentSystemTimeMs() - window.timestampMs());
        score.ifPresent(s -> {
            metrics.noveltyScored(s.score(), s.novel());
            if (s.novel()) {
                context.forward(record.withValue(bytes), CpcNames.NOVELTY_SINK);
            }
        });
    }
}
