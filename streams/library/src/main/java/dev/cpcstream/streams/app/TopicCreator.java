package dev.cpcstream.streams.app;

import dev.cpcstream.streams.topology.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the seven topics that do not exist yet. Frames, embeddings, dead letters and any other output take the
 * broker's append time as record timestamp; each record's own time (a frame's capture, a window's last frame)
 * stays in its value. The checkpoint and model topics are compacted (only the newest checkpoint, the newest weights
 * matter) and have one partition, so that every record, whichever task wrote it, lands where restore and the
 * followers read. The training-windows topic has one partition, so Kafka Streams gives its one task, the trainer,
 * to exactly one instance.
 */
final class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);

    private static final Duration CHECKPOINT_SEGMENT = Duration.ofMinutes(10);

    private final Admin admin;

    TopicCreator(Admin admin) {
        this.admin = admin;
    }

    void createMissing(TopicNames topics, int partitions, short replication, long checkpointMaxBytes) {
        Set<String> existing = KafkaCalls.get(admin.listTopics().names(), "list topics");
        List<NewTopic> missing = new ArrayList<>();
        for (String topic : List.of(topics.frames(), topics.embeddings(), topics.deadLetters(), topics.novelty())) {
            if (!existing.contains(topic)) {
                missing.add(stampedOnArrival(topic, partitions, replication));
            }
        }
        if (!existing.contains(topics.trainingWindows())) {
            missing.add(new NewTopic(topics.trainingWindows(), 1, replication));
        }
        for (String topic : List.of(topics.checkpoints(), topics.model())) {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, 1, replication).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Long.toString(checkpointMaxBytes),
                        // Compaction skips the active segment: roll it often, or old records of many MB pile up
                        // and every restore reads them all.
                        TopicConfig.SEGMENT_MS_CONFIG, Long.toString(CHECKPOINT_SEGMENT.toMillis()))));
            }
        }
        create(missing);
        requireOnePartition(topics.checkpoints(), "restore finds the newest checkpoint");
        requireOnePartition(topics.model(), "every instance follows the newest weights");
        requireOnePartition(topics.trainingWindows(), "one task, on one instance, trains");
    }

    /** An output topic of the application's besides the six, when it does not exist yet. */
    void createMissing(String topic, int partitions, short replication) {
        if (!KafkaCalls.get(admin.listTopics().names(), "list topics").contains(topic)) {
            create(List.of(stampedOnArrival(topic, partitions, replication)));
        }
    }

    /**
     * Retention counts from arrival: a recording replayed with its capture times, older than retention.ms, would
     * otherwise have its frames and outputs deleted at the broker's next retention check.
     */
    private static NewTopic stampedOnArrival(String topic, int partitions, short replication) {
        return new NewTopic(topic, partitions, replication).configs(Map.of(
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
    }

    private void create(List<NewTopic> missing) {
        admin.createTopics(missing).values().forEach((topic, created) -> {
            try {
                KafkaCalls.get(created, "create topic " + topic);
                log.info("created topic {}", topic);
            } catch (IllegalStateException e) {
                // TopicExistsException: another instance created it in the meantime, which is what we wanted
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        });
    }

    private void requireOnePartition(String topic, String soThat) {
        TopicDescription description = KafkaCalls.describeTopic(admin, topic);
        if (description.partitions().size() != 1) {
            throw new IllegalStateException("topic " + topic + " has " + description.partitions().size()
                    + " partitions; it needs exactly 1 so " + soThat + ": recreate it, or choose another"
                    + " cpc.topic.prefix");
        }
    }
}
