package dev.cpcstream.e2e;

import dev.cpcstream.schemas.AvroCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a whole topic as a downstream consumer would: committed records only (read_committed), decoded. */
final class TopicReader {

    /** How long the topic must stay quiet after the last record before it is taken to be complete. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    private TopicReader() {
    }

    /** Every committed record from the beginning until the topic has been quiet for a while, or {@code timeout}. */
    static <T extends SpecificRecord> List<T> readAll(String topic, AvroCodec<T> codec, Duration timeout) {
        List<T> values = new ArrayList<>();
        readRaw(topic, timeout).forEach(record -> values.add(codec.decode(record.value())));
        return values;
    }

    static List<ConsumerRecord<byte[], byte[]>> readRaw(String topic, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline && System.nanoTime() - quietSince < QUIET.toNanos()) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    batch.forEach(records::add);
                    quietSince = System.nanoTime();
                }
            }
        }
        return records;
    }
}
