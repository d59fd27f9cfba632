package dev.cpcstream.streams.broker;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

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
        }
        assertFalse(Files.exists(directory), "the broker's temporary directory outlives it: " + directory);
    }
}
