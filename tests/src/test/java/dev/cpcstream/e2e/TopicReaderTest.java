package dev.cpcstream.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader the end-to-end tests count with: it returns a topic's every committed record, or fails. */
@ExtendWith(SharedBroker.class)
class TopicReaderTest {

    private static final int PARTITIONS = 4;
    /** More than one poll returns (max.poll.records is 500), so a reader that stops after one poll comes up short. */
    private static final int COMMITTED = 2000;
    private static final Duration READ = Duration.ofMinutes(1);
    private static final Duration METADATA_WITHIN = Duration.ofSeconds(30);

    @Test
    void readsEveryCommittedRecordOfEveryPartitionAndNoAbortedOne() throws Exception {
        String topic = createTopic("reader-transactions");
        List<String> committed = values("committed", COMMITTED);
        try (KafkaProducer<String, byte[]> producer = transactionalProducer()) {
            producer.initTransactions();
            commit(producer, topic, committed.subList(0, COMMITTED / 2));
            abort(producer, topic, values("aborted", 100));
            commit(producer, topic, committed.subList(COMMITTED / 2, COMMITTED));
            abort(producer, topic, values("aborted-last", 10));
        }

        List<String> read = TopicReader.readRaw(topic, READ).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();

        // The topic holds only these committed values and the aborted ones, so this is read == committed.
        assertEquals(COMMITTED, read.size(), "records read");
        assertEquals(COMMITTED, Set.copyOf(read).size(), "distinct records read");
        assertEquals(List.of(), read.stream().filter(v -> !v.startsWith("committed")).toList(), "aborted records read");
    }

    @Test
    void anEmptyTopicReadsAsEmpty() throws Exception {
        assertEquals(List.of(), TopicReader.readRaw(createTopic("reader-empty"), READ));
    }

    @Test
    void aReadThatRunsOutOfTimeFailsInsteadOfReturningWhatItHas() throws Exception {
        String topic = createTopic("reader-timeout");
        try (KafkaProducer<String, byte[]> producer = transactionalProducer()) {
            producer.initTransactions();
            commit(producer, topic, values("committed", COMMITTED));
        }

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> TopicReader.readRaw(topic, Duration.ofMillis(1)));
        assertTrue(failure.getMessage().contains(topic), failure.getMessage());
    }

    @Test
    void aTopicThatDoesNotExistFailsTheRead() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> TopicReader.readRaw("reader-no-such-topic", READ));
        assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
    }

    private static String createTopic(String name) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedBroker.bootstrapServers()))) {
            admin.createTopics(Set.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get();
            awaitLeaders(admin, name);
        }
        return name;
    }

    /** Creation returns once the controller has the topic; the broker's metadata, which a reader asks, follows. */
    private static void awaitLeaders(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + METADATA_WITHIN.toNanos();
        while (!hasLeaders(admin, topic)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError("topic " + topic + " has no leader on every partition within "
                        + METADATA_WITHIN);
            }
            Thread.sleep(50);
        }
    }

    private static boolean hasLeaders(Admin admin, String topic) throws Exception {
        try {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
            return description.partitions().size() == PARTITIONS
                    && description.partitions().stream().allMatch(partition -> partition.leader() != null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private static KafkaProducer<String, byte[]> transactionalProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reader-test-" + System.nanoTime()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static void commit(KafkaProducer<String, byte[]> producer, String topic, List<String> values) {
        sendInTransaction(producer, topic, values);
        producer.commitTransaction();
    }

    /** Flushed first, so the aborted records are in the log and the reader has to skip them. */
    private static void abort(KafkaProducer<String, byte[]> producer, String topic, List<String> values) {
        sendInTransaction(producer, topic, values);
        producer.flush();
        producer.abortTransaction();
    }

    private static void sendInTransaction(KafkaProducer<String, byte[]> producer, String topic, List<String> values) {
        producer.beginTransaction();
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, value, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static List<String> values(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }
}
