package dev.cpcstream.streams.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedBrokerTest {

    @Test
    void transactionalRecordsRoundTripAndTheDirectoryIsDeletedOnClose() throws Exception {
        Path directory;
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.FREE_PORT)) {
            directory = broker.directory();
            assertTrue(Files.isDirectory(directory));
            String bootstrap = broker.bootstrapServers();
            SmokeRecords.createTopic(bootstrap);
            SmokeRecords.produceInOneTransaction(bootstrap);
            assertEquals(SmokeRecords.expectedValues(), SmokeRecords.consumeCommitted(bootstrap, "smoke-consumer"));
            assertTrue(Files.isRegularFile(directory.resolve(ScratchDirectory.OWNER_FILE)),
                    "a killed process's broker directory could not be told from another program's");
        }
        assertFalse(Files.exists(directory), "the broker's temporary directory outlives it: " + directory);
    }

    @Test
    void topicsKeepOnlyTheirNewestRecordsSoThatALongDemoCannotFillTheDisk() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.FREE_PORT);
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            SmokeRecords.createTopic(broker.bootstrapServers());
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, SmokeRecords.TOPIC);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertEquals(EmbeddedBroker.DISK_BOUNDS.get("log.retention.bytes"),
                    config.get(TopicConfig.RETENTION_BYTES_CONFIG).value());
            assertEquals(EmbeddedBroker.DISK_BOUNDS.get("log.segment.bytes"),
                    config.get(TopicConfig.SEGMENT_BYTES_CONFIG).value());
        }
    }
}
