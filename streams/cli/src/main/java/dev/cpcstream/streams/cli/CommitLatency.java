package dev.cpcstream.streams.cli;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.streams.topology.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * From a frame's append to the commit of the embedding of the window it ends: a {@code read_committed} consumer
 * of the frames and embeddings topics, on its own thread. A frame's record timestamp is the time its producer sent
 * it; an embedding counts once a committed read returns it.
 */
final class CommitLatency implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(20);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String framesTopic;
    private final Thread reader;
    /**
     * Per source, the send time of each frame by seq, until an embedding of a window ending at or after it
     * arrives: most frames end no window, and remembering them all would grow without bound.
     */
    private final Map<String, NavigableMap<Long, Long>> frameSent = new HashMap<>();
    private final List<Long> latenciesMs = new ArrayList<>();
    private volatile boolean stopped;

    CommitLatency(String bootstrap, TopicNames topics) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer());
        framesTopic = topics.frames();
        List<TopicPartition> partitions = Stream.of(topics.frames(), topics.embeddings())
                .flatMap(topic -> consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "bench-stream-latency");
    }

    void start() {
        reader.start();
    }

    /** Forgets the latencies so far: the warm-up's. */
    synchronized void reset() {
        latenciesMs.clear();
    }

    synchronized double quantileMs(double q) {
        if (latenciesMs.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = latenciesMs.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private void read() {
        while (!stopped) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.topic().equals(framesTopic)) {
                    frameSent.computeIfAbsent(record.key(), source -> new TreeMap<>())
                            .put(frameSeq(record), record.timestamp());
                } else {
                    Embedding embedding = Codecs.EMBEDDING.decode(record.value());
                    NavigableMap<Long, Long> sent = frameSent.get(embedding.getSourceId());
                    Long endSent = sent == null ? null : sent.get(embedding.getEndSeq());
                    if (endSent != null) {
                        record(System.currentTimeMillis() - endSent);
                        sent.headMap(embedding.getEndSeq(), true).clear();
                    }
                }
            }
        }
    }

    private static long frameSeq(ConsumerRecord<String, byte[]> record) {
        return Codecs.FRAME.decode(record.value()).getSeq();
    }

    private synchronized void record(long latencyMs) {
        latenciesMs.add(latencyMs);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        reader.join(Duration.ofSeconds(10).toMillis());
        consumer.close();
    }
}
