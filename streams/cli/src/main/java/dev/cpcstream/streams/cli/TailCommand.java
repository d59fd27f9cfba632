package dev.cpcstream.streams.cli;

import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.RecordCodec;
import dev.cpcstream.schemas.UndecodableRecordException;
import dev.cpcstream.streams.eval.Json;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print embeddings from the embeddings topic as JSON lines, as they are committed "
                + "(read_committed: never an embedding of an aborted transaction).",
                "Fields as in the Embedding schema: sourceId, startSeq, endSeq, timestamp, modelVersion, modelStep, "
                        + "preset, trained, dimension, vector."})
final class TailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private static final Logger LOG = LoggerFactory.getLogger(TailCommand.class);
    private static final Duration POLL = Duration.ofMillis(500);

    @Mixin
    ClientConfig kafka;

    @Option(names = "--from-beginning", description = "Start at the oldest embedding kept, not at the newest.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", defaultValue = "-1",
            description = "Stop after N embeddings (default: run until Ctrl-C).")
    long max;

    @Mixin
    ClusterCheck cluster;

    @Override
    public Integer call() throws IOException {
        cluster.requireReachable("tail", kafka.admin());
        String topic = kafka.topics().embeddings();
        Map<String, Object> config = new HashMap<>(kafka.consumer());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Asking for a topic that is not there must not create it with the broker's defaults.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (Consumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
             ShutdownSignal signal = new ShutdownSignal(consumer::wakeup, Duration.ofSeconds(10))) {
            // Every partition, without a consumer group: tailing should not take partitions from anyone.
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist at "
                        + kafka.bootstrapServers());
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            print(consumer, kafka.embeddingReader(), spec.commandLine().getOut());
        }
        return 0;
    }

    private void print(Consumer<String, byte[]> consumer, RecordCodec<Embedding> embeddings, PrintWriter out) {
        long printed = 0;
        try {
            while (max < 0 || printed < max) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (max >= 0 && printed >= max) {
                        break;
                    }
                    try {
                        out.println(Json.line(EmbeddingLine.of(embeddings.decode(record.value()))));
                        printed++;
                    } catch (UndecodableRecordException e) {
                        LOG.warn("skipping {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(),
                                e.getMessage());
                    }
                }
                out.flush();
            }
        } catch (WakeupException stopRequested) {
            // Ctrl-C: the shutdown hook woke the poll.
        }
    }
}
