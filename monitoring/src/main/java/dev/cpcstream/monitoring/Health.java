package dev.cpcstream.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether the application can do its job, for {@code /health} and the {@code cpc_ready} gauge.
 *
 * <p>Live as soon as it exists (the process answers). Ready once the instance holds a model (restored from a
 * checkpoint, or the first snapshot it took from the model topic) and the Kafka Streams
 * client is RUNNING; a rebalance or an error makes it not ready again. The streams side reports both:
 * {@link #modelRestored()} once, and the client's state changes by registering this object as its state listener
 * ({@code streams.setStateListener(health)}) or by forwarding them to {@link #onChange} from its own listener.
 */
public final class Health implements KafkaStreams.StateListener {

    private volatile boolean modelRestored;
    private volatile KafkaStreams.State streamsState;

    Health(MeterRegistry registry) {
        Gauge.builder(MetricNames.READY, this, h -> h.ready() ? 1 : 0)
                .description("1 when the model is restored and the Kafka Streams client is RUNNING")
                .strongReference(true)
                .register(registry);
    }

    /** The weights embedding needs are in place: restored, initialised or followed. */
    public void modelRestored() {
        modelRestored = true;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        streamsState = newState;
    }

    public boolean ready() {
        return isReady(modelRestored, streamsState);
    }

    /** The state as a small JSON object: {@code {"live":true,"ready":false,"modelRestored":true,"streams":"..."}}. */
    public String toJson() {
        boolean restored = modelRestored;
        KafkaStreams.State state = streamsState;
        return "{\"live\":true,\"ready\":" + isReady(restored, state) + ",\"modelRestored\":" + restored
                + ",\"streams\":" + (state == null ? "null" : "\"" + state + "\"") + "}";
    }

    private static boolean isReady(boolean restored, KafkaStreams.State state) {
        return restored && state == KafkaStreams.State.RUNNING;
    }
}
