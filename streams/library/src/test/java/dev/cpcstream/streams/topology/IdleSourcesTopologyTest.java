package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.Presets;
import dev.cpcstream.model.SourceLimits;
import dev.cpcstream.monitoring.MetricNames;
import dev.cpcstream.schemas.Embedding;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Through the production topology (tiny preset, frozen model, one window per frame, frames 20 ms apart by their own
 * timestamps): a source idle past {@code cpc.sources.idle.seconds} is forgotten by the embedding learner and by the
 * novelty scorer, so its next window is carried and scored as a new source's.
 */
class IdleSourcesTopologyTest {

    private static final CpcConfig TINY = Presets.get("tiny");

    @TempDir
    Path stateDir;

    @Test
    void aSourceIdlePastTheLimitComesBackAsANewOne() {
        StreamSettings settings = StreamSettings.defaults().withBatching(1, 1, false)
                .withCheckpoints(0, Duration.ZERO, Optional.empty(), 1)
                .withSources(new SourceLimits(Duration.ofSeconds(1), 0));
        try (TopologyFixture f = new TopologyFixture(TINY, settings, stateDir)) {
            f.sendPcm("mic-1", TINY.window(), 0, 1, 2, 3);                       // captured at 0 to 60 ms
            assertEquals(1, carried(f));
            f.sendPcm("mic-2", TINY.window(), 100);                              // at 2 s: mic-1 idle for over 1 s
            assertEquals(1, carried(f), "mic-1 was forgotten");
            f.sendPcm("mic-1", TINY.window(), 4);
            assertEquals(2, carried(f));

            List<Embedding> mic1 = f.readEmbeddings().stream().filter(r -> r.key().equals("mic-1"))
                    .map(TestRecord::value).toList();
            assertNotNull(mic1.get(3).getNovelty().getSourceDistance(), "a reference while mic-1 was seen");
            assertNull(mic1.get(4).getNovelty().getSourceDistance(), "no reference after it went idle, as a new source");
        }
    }

    private static double carried(TopologyFixture f) {
        return f.registry.get(MetricNames.SOURCES_CARRIED).tag(MetricNames.TAG_LEARNER, "embedding").gauge().value();
    }
}
