package dev.cpcstream.e2e;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.streams.app.CpcStreamsApp;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording replayed with its capture times, a month old: longer ago than the embeddings topic keeps records. Its
 * embeddings carry their arrival as record timestamp, which retention counts from, and the capture time in their
 * value, so none is deleted at the broker's next retention check.
 */
@ExtendWith(SharedBroker.class)
class OldRecordingE2eTest {

    private static final int SOURCES = 2;
    private static final long FRAMES = 200;
    private static final Duration AGE = Duration.ofDays(30);
    private static final Duration DRAIN = Duration.ofMinutes(2);

    @Test
    void aRecordingReplayedWithOldCaptureTimesIsKeptFromItsArrival(@TempDir Path stateDir) throws Exception {
        Deployment deployment = new Deployment("old-recording", stateDir, Map.of());
        SyntheticFeed feed = new SyntheticFeed(deployment.model(), SOURCES);
        Instant captured = Instant.now().minus(AGE);
        long arrivedAfter = System.currentTimeMillis();
        Map<String, Long> sent;
        try (CpcStreamsApp app = deployment.start()) {
            sent = feed.sendCapturedAt(deployment, FRAMES, captured);
            app.drain(DRAIN);
        }

        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readRaw(deployment.topics().embeddings(), DRAIN);
        List<Embedding> embeddings = records.stream().map(r -> Codecs.EMBEDDING.decode(r.value())).toList();
        WindowKeys.assertEachExactlyOnce(WindowKeys.expected(sent, feed.stepsPerFrame(), deployment.model()),
                embeddings);
        for (int i = 0; i < records.size(); i++) {
            assertTrue(records.get(i).timestamp() >= arrivedAfter, "the record timestamp of embedding " + i + " is "
                    + Instant.ofEpochMilli(records.get(i).timestamp()) + ", not its arrival: retention would count"
                    + " from the capture, " + AGE.toDays() + " days ago");
            assertTrue(embeddings.get(i).getTimestamp().isBefore(captured.plus(Duration.ofDays(1))),
                    "the capture time stays in the value: " + embeddings.get(i).getTimestamp());
        }
    }
}
