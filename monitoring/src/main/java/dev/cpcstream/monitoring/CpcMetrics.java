package dev.cpcstream.monitoring;

import dev.cpcstream.model.TrainResult;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Every meter cpcstream exports, named once here. The streams side calls these methods as data flows; the
 * dashboards and alert rules query the names they create.
 */
public final class CpcMetrics {

    public CpcMetrics(MeterRegistry registry) {
    }

    /** One training step: loss, chance, accuracy (overall and per k), grad norm, alignment, uniformity, queue. */
    public void trainStep(TrainResult result, long nanos) {
    }

    /** One inference pass over {@code windows} windows (windows not trained on). */
    public void inference(int windows, long nanos) {
    }

    public void framesIn(long frames) {
    }

    public void window() {
    }

    /** An embedding published; {@code eventLagMillis} from the window's last frame timestamp to now. */
    public void embeddingOut(long eventLagMillis) {
    }

    /** Representation health over recent embeddings: per-dimension std and effective rank. */
    public void embeddings(float[][] contexts) {
    }

    public void deadLetter(String reason) {
    }

    public void duplicate() {
    }

    public void gap() {
    }

    public void reordered() {
    }

    public void checkpoint(long bytes, long epochMillis) {
    }

    public void learningRate(double lr) {
    }

    /** Kafka Streams' own client, thread and task metrics through Micrometer's binder. */
    public void bindKafkaStreams(KafkaStreams streams) {
    }
}
