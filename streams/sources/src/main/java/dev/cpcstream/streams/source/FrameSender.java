package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.RecordCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The frames topic's producer: frames keyed by source id, so all frames of a source land on one partition in seq
 * order, and idempotent, so retries cannot reorder or duplicate them. Sends are asynchronous; the first frame the
 * broker refuses is kept and surfaces as an exception at the next send or flush, so a sending loop stops on it.
 */
public final class FrameSender implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final RecordCodec<Frame> codec;
    private final AtomicReference<Exception> refusal = new AtomicReference<>();

    /** @param clientConfig at least {@code bootstrap.servers}; may override the defaults below */
    public FrameSender(Map<String, Object> clientConfig, String topic, RecordCodec<Frame> codec) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "cpcstream-frame-producer");
        config.putAll(clientConfig);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.codec = codec;
    }

    /** @throws IllegalStateException if the broker has refused a frame sent before */
    public void send(Frame frame) {
        producer.send(new ProducerRecord<>(topic, frame.getSourceId(), codec.encode(frame)), (metadata, failure) -> {
            if (failure != null) {
                refusal.compareAndSet(null, failure);
            }
        });
        throwIfRefused();
    }

    /**
     * Waits until the broker has every frame sent.
     *
     * @throws IllegalStateException if it refused one
     */
    public void flush() {
        producer.flush();
        throwIfRefused();
    }

    private void throwIfRefused() {
        Exception failure = refusal.get();
        if (failure != null) {
            throw new IllegalStateException("the broker refused a frame for topic " + topic + ": "
                    + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
