package dev.cpcstream.streams.cli;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.bench.ProcessMemory;
import dev.cpcstream.monitoring.MetricNames;
import dev.cpcstream.monitoring.TrainingIntake;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.app.CpcStreamsApp;
import dev.cpcstream.streams.eval.Json;
import dev.cpcstream.streams.source.FrameClock;
import dev.cpcstream.streams.source.FrameProducer;
import dev.cpcstream.streams.source.FrameSource;
import dev.cpcstream.streams.source.Pacing;
import dev.cpcstream.streams.source.SampleStream;
import dev.cpcstream.streams.source.SourceFormat;
import dev.cpcstream.streams.source.SourceSpec;
import dev.cpcstream.streams.topology.TopicNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.Utils;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One measured phase of the pipeline benchmark: a fresh application on the benchmark's broker (its own topics and
 * state), synthetic sources sent at a given pace, and the counters' increase over a measured span that starts once
 * the application has warmed up. The span's end stops the producer; the application is closed without a drain.
 *
 * @param runId       the benchmark run's id ({@link BenchApp#newRunId})
 * @param name        what the phase measures, e.g. {@code train}
 * @param sources     concurrent sources
 * @param pacing      how fast the frames are sent
 * @param training    whether the trainer task trains
 * @param frame       signal per frame
 * @param app         application settings over the benchmark's own
 */
record PipelinePhase(String runId, String name, int sources, Pacing pacing, boolean training, Duration frame,
                     Map<String, String> app) {

    private static final Duration SAMPLE = Duration.ofSeconds(1);
    /** How often a long phase (a soak) prints a status line. */
    private static final Duration STATUS = Duration.ofMinutes(1);

    PipelineResult run(String bootstrap, ModelOptions model, Duration warmUp, Duration measured,
                       PrintWriter progress) throws Exception {
        Path stateDir = Files.createTempDirectory("cpcstream-bench-stream-");
        MeterRegistry registry = new SimpleMeterRegistry();
        AppSettings settings = AppSettings.fromProperties(
                BenchApp.properties(runId, bootstrap, model, stateDir, name, sources, training, app), Map.of());
        CpcConfig config = settings.modelConfig();
        TopicNames topics = settings.topicNames();
        SourceFormat format = SourceFormat.of(config);
        List<SampleStream> signals = LoopedSignal.of(SourceSpec.synthetic(sources).open(format, false, 42), format);
        FrameSource frames = new FrameSource(signals, format, new FrameClock(frame, Instant.now(), 0),
                Long.MAX_VALUE);
        try (CpcStreamsApp app = new CpcStreamsApp(settings, registry);
             FrameProducer producer = new FrameProducer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     topics.frames())) {
            app.start();
            if (!pacing.paced()) {
                // unpaced, a frame's wait is the backlog's length, and reading every frame to time it would take a
                // share of the cores the pipeline is measured on
                return measure(app, producer, frames, Optional.empty(), registry, config, warmUp, measured, progress);
            }
            try (CommitLatency latency = new CommitLatency(bootstrap, topics)) {
                return measure(app, producer, frames, Optional.of(latency), registry, config, warmUp, measured,
                        progress);
            }
        } finally {
            Utils.delete(stateDir.toFile());
        }
    }

    private PipelineResult measure(CpcStreamsApp app, FrameProducer producer, FrameSource frames,
                                   Optional<CommitLatency> latency, MeterRegistry registry, CpcConfig config, Duration warmUp,
                                   Duration measured, PrintWriter progress) throws Exception {
        Instant end = Instant.now().plus(warmUp).plus(measured);
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-stream-producer"));
        Future<Map<String, Long>> sending = sender.submit(() -> producer.run(frames, pacing, end));
        latency.ifPresent(CommitLatency::start);
        StreamThreadLatencies threads = new StreamThreadLatencies(registry);
        sleepUntil(Instant.now().plus(warmUp));
        Counts before = Counts.of(registry);
        latency.ifPresent(CommitLatency::reset);
        threads.reset();
        long start = System.nanoTime();
        long maxLagFrames = 0;
        long rssStartMb = ProcessMemory.rssMb();
        long rssMaxMb = rssStartMb;
        Instant nextStatus = Instant.now().plus(STATUS);
        while (Instant.now().isBefore(end)) {
            sleepUntil(min(end, Instant.now().plus(SAMPLE)));
            long lagFrames = app.status().lagFrames();
            long rssMb = ProcessMemory.rssMb();
            threads.sample();
            maxLagFrames = Math.max(maxLagFrames, lagFrames);
            rssMaxMb = Math.max(rssMaxMb, rssMb);
            if (Instant.now().isAfter(nextStatus)) {
                nextStatus = nextStatus.plus(STATUS);
                progress.printf(Locale.ROOT, "  %s, %d sources: %.0f of %d s, rss %d MiB (max %d), lag %d frames%n",
                        name, sources, (System.nanoTime() - start) / 1e9, measured.toSeconds(), rssMb, rssMaxMb,
                        lagFrames);
                progress.flush();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Counts delta = Counts.of(registry).minus(before);
        producer.stop();
        sending.get();
        sender.shutdown();
        PipelineResult result = new PipelineResult(name, sources, pacing.speed() * sources, training, seconds,
                delta.frames / seconds, delta.embeddings / seconds, delta.trained / seconds,
                delta.embeddings * config.hop() / (double) config.sampleRate() / seconds,
                delta.trained * config.hop() / (double) config.sampleRate() / seconds,
                latency.map(l -> Json.finiteOrNull(l.quantileMs(0.5))).orElse(null),
                latency.map(l -> Json.finiteOrNull(l.quantileMs(0.99))).orElse(null), maxLagFrames, rssStartMb, rssMaxMb,
                ProcessMemory.rssMb(), threads.maxMs());
        progress.println(result.line());
        progress.flush();
        return result;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** The counters a phase reads, at one moment or as an increase. */
    private record Counts(double frames, double embeddings, double trained) {

        static Counts of(MeterRegistry registry) {
            Counter trained = registry.find(MetricNames.TRAINING_WINDOWS)
                    .tag(MetricNames.TAG_OUTCOME, TrainingIntake.TRAINED.name()).counter();
            return new Counts(count(registry, MetricNames.FRAMES_IN), count(registry, MetricNames.EMBEDDINGS_OUT),
                    trained == null ? 0 : trained.count());
        }

        private static double count(MeterRegistry registry, String name) {
            Counter counter = registry.find(name).counter();
            return counter == null ? 0 : counter.count();
        }

        Counts minus(Counts earlier) {
            return new Counts(frames - earlier.frames, embeddings - earlier.embeddings, trained - earlier.trained);
        }
    }
}
