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
 * Creates the four topics that do not exist yet. The checkpoint topic is compacted (only the newest checkpoint
 * matters) and has one partition, so that every checkpoint, whichever task took it, lands where restore reads.
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
        for (String topic : List.of(topics.frames(), topics.embeddings(), topics.deadLetters())) {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, partitions, replication));
            }
        }
        if (!existing.contains(topics.checkpoints())) {
            missing.add(new NewTopic(topics.checkpoints(), 1, replication).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Long.toString(checkpointMaxBytes),
                    // Compaction skips the active segment: roll it often, or old checkpoints of many MB pile up
                    // and every restore reads them all.
                    TopicConfig.SEGMENT_MS_CONFIG, Long.toString(CHECKPOINT_SEGMENT.toMillis()))));
        }
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
        requireOnePartition(topics.checkpoints());
    }

    private void requireOnePartition(String checkpoints) {
        TopicDescription description = KafkaCalls.get(admin.describeTopics(List.of(checkpoints)).allTopicNames(),
                "describe " + checkpoints).get(checkpoints);
        if (description.partitions().size() != 1) {
            throw new IllegalStateException("checkpoint topic " + checkpoints + " has "
                    + description.partitions().size() + " partitions; it needs exactly 1 so restore finds the"
                    + " newest checkpoint: recreate it, or choose another cpc.topic.prefix");
        }
    }
}
