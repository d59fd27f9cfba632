package dev.cpcstream.streams.cli;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelSnapshot;
import dev.cpcstream.schemas.UndecodableRecordException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the snapshots of the model topic's one partition as the instances follow them: {@code read_committed} up to
 * its end offset, records that are not a ModelSnapshot passed over as {@code ModelFollower} refuses them. It reads
 * back from the end in passes that double in length, since compaction keeps many MB of older snapshots for a while
 * and only the last few are wanted.
 */
final class ModelTopicReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Offsets of the first pass back from the end: each snapshot is followed by its transaction's commit marker. */
    private static final long FIRST_PASS = 8;

    /** A snapshot as it is on the topic: its offset, its bytes and what they decode to. */
    record Stored(long offset, byte[] bytes, ModelSnapshot snapshot) {

        long version() {
            return snapshot.getModelVersion();
        }
    }

    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition partition;

    ModelTopicReader(Map<String, Object> consumerProperties, String topic) {
        Map<String, Object> config = new HashMap<>(consumerProperties);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partition = new TopicPartition(topic, 0);
        if (consumer.partitionsFor(topic).isEmpty()) {
            consumer.close();
            throw new IllegalStateException("the model topic " + topic + " does not exist; is the application's "
                    + "cpc.topic.prefix the one given here (--topic-prefix, or cpc.topic.prefix of --client-config)?");
        }
        consumer.assign(List.of(partition));
    }

    /** The snapshot of the highest model version: the one every instance embeds with once it has read the topic. */
    Optional<Stored> newest(Instant deadline) {
        return search(deadline, pass -> pass.stream().max(Comparator.comparingLong(Stored::version)), pass -> false);
    }

    /**
     * The snapshot of exactly {@code version}; empty when the topic no longer holds it (compaction keeps only the
     * newest for sure) or never did.
     */
    Optional<Stored> version(long version, Instant deadline) {
        return search(deadline, pass -> pass.stream().filter(s -> s.version() == version).findFirst(),
                pass -> pass.stream().anyMatch(s -> s.version() < version));
    }

    /**
     * Reads passes back from the end until {@code pick} finds the snapshot in one, {@code passedIt} says the search
     * went past where it would be (versions grow with offsets), or the start of the partition is read.
     */
    private Optional<Stored> search(Instant deadline, Function<List<Stored>, Optional<Stored>> pick,
                                    Predicate<List<Stored>> passedIt) {
        long start = consumer.beginningOffsets(List.of(partition)).get(partition);
        long upTo = consumer.endOffsets(List.of(partition)).get(partition);
        for (long length = FIRST_PASS; upTo > start; length *= 2) {
            long from = Math.max(start, upTo - length);
            List<Stored> pass = read(from, upTo, deadline);
            Optional<Stored> found = pick.apply(pass);
            if (found.isPresent() || passedIt.test(pass)) {
                return found;
            }
            upTo = from;
        }
        return Optional.empty();
    }

    /** The snapshots committed at offsets {@code [from, upTo)}, in offset order. */
    private List<Stored> read(long from, long upTo, Instant deadline) {
        consumer.seek(partition, from);
        List<Stored> snapshots = new ArrayList<>();
        while (consumer.position(partition) < upTo) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < upTo && record.value() != null) {
                    decode(record).ifPresent(snapshots::add);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out reading the model topic " + partition + " from offset "
                        + from + " to " + upTo);
            }
        }
        return snapshots;
    }

    private static Optional<Stored> decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            ModelSnapshot snapshot = Codecs.MODEL_SNAPSHOT.decode(record.value());
            return Optional.of(new Stored(record.offset(), record.value(), snapshot));
        } catch (UndecodableRecordException e) {
            LOG.warn("passing over offset {} of {}, which no instance follows: {}", record.offset(), record.topic(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
