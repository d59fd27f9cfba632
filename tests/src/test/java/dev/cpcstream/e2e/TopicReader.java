package dev.cpcstream.e2e;

import dev.cpcstream.schemas.RecordCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads a whole topic as a downstream consumer would: committed records only (read_committed), decoded. "Whole"
 * means up to the end offsets the topic has when the read starts; for read_committed those are the last stable
 * offsets, so records of a transaction still open then are not waited for. A read that cannot reach them in time
 * fails the test rather than return what it has, so an empty answer means an empty topic.
 */
final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private TopicReader() {
    }

    /** Every committed record below the topic's end offsets, decoded; fails when {@code timeout} passes first. */
    static <T extends SpecificRecord> List<T> readAll(String topic, RecordCodec<T> codec, Duration timeout) {
        return readAll(SharedBroker.bootstrapServers(), topic, codec, timeout);
    }

    /** As {@link #readAll(String, RecordCodec, Duration)}, from the cluster at {@code bootstrap}. */
    static <T extends SpecificRecord> List<T> readAll(String bootstrap, String topic, RecordCodec<T> codec,
                                                      Duration timeout) {
        List<T> values = new ArrayList<>();
        readRaw(bootstrap, topic, timeout).forEach(record -> values.add(codec.decode(record.value())));
        return values;
    }

    /** The last of {@link #readAll(String, String, RecordCodec, Duration)}; empty for an empty topic. */
    static <T extends SpecificRecord> Optional<T> readLast(String bootstrap, String topic, RecordCodec<T> codec,
                                                           Duration timeout) {
        List<T> values = readAll(bootstrap, topic, codec, timeout);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** Every committed record below the topic's end offsets; fails when {@code timeout} passes first. */
    static List<ConsumerRecord<byte[], byte[]>> readRaw(String topic, Duration timeout) {
        return readRaw(SharedBroker.bootstrapServers(), topic, timeout);
    }

    /** As {@link #readRaw(String, Duration)}, from the cluster at {@code bootstrap}. */
    static List<ConsumerRecord<byte[], byte[]>> readRaw(String bootstrap, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, remaining(deadline)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                fail("topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
            while (!reached(consumer, end, deadline)) {
                if (System.nanoTime() - deadline > 0) {
                    fail("read " + records.size() + " records of " + topic + " in " + timeout + " but not to its end;"
                            + " partition: position/end offset " + positions(consumer, end));
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        } catch (TimeoutException e) {
            fail("could not read " + topic + " to its end within " + timeout + ": " + e.getMessage(), e);
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end, long deadline) {
        return end.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey(), remaining(deadline)) >= e.getValue());
    }

    private static String positions(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream()
                .map(e -> e.getKey().partition() + ": " + consumer.position(e.getKey()) + "/" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
