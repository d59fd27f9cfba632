package dev.cpcstream.streams.broker;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandaloneBrokerTest {

    @Test
    void aRestartOnTheSameDirectoryKeepsTheClusterItsTopicsAndItsCommittedRecords(@TempDir Path data)
            throws Exception {
        assertFalse(StandaloneBroker.isFormatted(data));
        String clusterId;
        try (StandaloneBroker broker = StandaloneBroker.start(data, EmbeddedBroker.FREE_PORT)) {
            String bootstrap = broker.bootstrapServers();
            clusterId = clusterId(bootstrap);
            SmokeRecords.createTopic(bootstrap);
            SmokeRecords.produceInOneTransaction(bootstrap);
            assertEquals(SmokeRecords.expectedValues(), SmokeRecords.consumeCommitted(bootstrap, "before"));
        }
        assertTrue(StandaloneBroker.isFormatted(data));

        try (StandaloneBroker broker = StandaloneBroker.start(data, EmbeddedBroker.FREE_PORT)) {
            String bootstrap = broker.bootstrapServers();
            assertEquals(clusterId, clusterId(bootstrap), "the restart formatted the directory again");
            assertEquals(SmokeRecords.expectedValues(), SmokeRecords.consumeCommitted(bootstrap, "after"));
        }
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            return admin.describeCluster().clusterId().get();
        }
    }
}
