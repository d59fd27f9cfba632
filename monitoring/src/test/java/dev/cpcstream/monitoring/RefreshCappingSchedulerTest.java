package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefreshCappingSchedulerTest {

    /** What Micrometer's Kafka binder asks for, a 60 s refresh, runs every 20 ms instead. */
    @Test
    void runsAPeriodicTaskAtMostTheCapApart() throws Exception {
        RefreshCappingScheduler scheduler = new RefreshCappingScheduler(Duration.ofMillis(20), "test-refresh");
        CountDownLatch runs = new CountDownLatch(3);
        try {
            scheduler.scheduleAtFixedRate(runs::countDown, 60_000, 60_000, TimeUnit.MILLISECONDS);

            assertTrue(runs.await(5, TimeUnit.SECONDS), "three runs well within one minute");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
