package dev.cpcstream.streams.app;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How far the application's consumer group has committed through the frames topic, from the brokers' view. */
final class InputProgress {

    private final Admin admin;
    private final String group;
    private final String topic;

    InputProgress(Admin admin, String group, String topic) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
    }

    /** Per partition, the offset after the last committed frame produced so far. */
    Map<TopicPartition, Long> produced() {
        var partitions = KafkaCalls.get(admin.describeTopics(List.of(topic)).allTopicNames(),
                "describe " + topic).get(topic).partitions();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        var offsets = KafkaCalls.get(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all(), "list the end offsets of " + topic);
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Whether the group's committed offsets have reached {@code target} on every partition. */
    boolean committedUpTo(Map<TopicPartition, Long> target) {
        Map<TopicPartition, OffsetAndMetadata> committed = KafkaCalls.get(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "list the committed offsets of group " + group);
        return target.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata offset = committed.get(e.getKey());
            return e.getValue() == 0 || (offset != null && offset.offset() >= e.getValue());
        });
    }
}
