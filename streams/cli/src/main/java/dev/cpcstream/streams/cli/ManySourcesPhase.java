package dev.cpcstream.streams.cli;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.bench.ProcessMemory;
import dev.cpcstream.monitoring.MetricNames;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.app.CpcStreamsApp;
import dev.cpcstream.streams.topology.CpcNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.utils.Utils;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The many-sources phase: a fresh application (frozen model, so what is measured is the pipeline, not the training
 * steps) on the benchmark's broker, fed by {@link StaggeredLoad} at one total rate whatever the number of sources.
 * Reports the process's CPU time per frame over a measured span after a warm-up, and memory per source: the process's
 * resident and heap growth since before the application started, and the state stores' sizes.
 *
 * @param runId      the benchmark run's id ({@link BenchApp#newRunId})
 * @param sources    concurrent sources
 * @param totalSpeed signal per wall second over all sources, in multiples of real time
 * @param frame      signal per frame
 * @param app        application settings over the benchmark's own
 */
record ManySourcesPhase(String runId, int sources, double totalSpeed, Duration frame, Map<String, String> app) {

    static final String NAME = "sources";
    private static final List<String> ASSEMBLER_STORES = List.of(CpcNames.ASSEMBLER_STORE,
            CpcNames.ASSEMBLER_FRAMES_STORE);
    private static final Duration SAMPLE = Duration.ofSeconds(1);

    /** @param prefillLimit the longest wait for the application to take in the unpaced first frames */
    ManySourcesResult run(String bootstrap, ModelOptions model, Duration prefillLimit, Duration warmUp,
                          Duration measured, PrintWriter progress) throws Exception {
        Path stateDir = Files.createTempDirectory("cpcstream-bench-sources-");
        MeterRegistry registry = new SimpleMeterRegistry();
        AppSettings settings = AppSettings.fromProperties(
                BenchApp.properties(runId, bootstrap, model, stateDir, NAME, sources, false, app), Map.of());
        CpcConfig config = settings.modelConfig();
        int stepsPerFrame = (int) Math.max(1, Math.round(frame.toNanos() * 1e-9 * config.sampleRate()));
        Memory before = Memory.now();
        try (CpcStreamsApp app = new CpcStreamsApp(settings, registry);
             StaggeredLoad load = new StaggeredLoad(bootstrap, settings.topicNames().frames(), sources,
                     config.sampleRate(), config.inChannels(), frame, stepsPerFrame, config.window())) {
            app.start();
            long startNanos = System.nanoTime();
            ProcessCpu prefillStart = ProcessCpu.now();
            long prefill = load.prefill();
            double prefillTakenIn = awaitFramesIn(registry, prefill, Instant.now().plus(prefillLimit));
            ProcessCpu prefillCpu = ProcessCpu.now().minus(prefillStart);
            double prefillSeconds = (System.nanoTime() - startNanos) / 1e9;
            double framesPerSecond = totalSpeed * config.sampleRate() / stepsPerFrame;
            Instant end = Instant.now().plus(warmUp).plus(measured);
            ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-stream-load"));
            Future<Long> sending = sender.submit(() -> load.paced(framesPerSecond, end));
            try {
                Span span = measure(app, registry, warmUp, end);
                Memory after = Memory.now();
                ManySourcesResult result = new ManySourcesResult(sources, frame.toMillis(), totalSpeed,
                        span.seconds, prefill, prefillSeconds, prefillCpu.processNanos() / 1e3 / prefillTakenIn,
                        prefillCpu.streamThreadsNanos() / 1e3 / prefillTakenIn, span.frames / span.seconds,
                        span.embeddings / span.seconds, totalSpeed * config.sampleRate() / config.hop(),
                        span.cpu.processNanos() / 1e3 / span.frames,
                        span.cpu.streamThreadsNanos() / 1e3 / span.frames,
                        span.cpu.processNanos() / 1e9 / span.seconds, span.maxLagFrames,
                        (after.rssKb - before.rssKb) / (double) sources,
                        (after.heapBytes - before.heapBytes) / 1024.0 / sources,
                        StoreSizes.of(CpcNames.ASSEMBLER_STORE, registry, stateDir),
                        StoreSizes.of(CpcNames.ASSEMBLER_FRAMES_STORE, registry, stateDir),
                        StoreSizes.of(CpcNames.PENDING_WINDOWS_STORE, registry, stateDir),
                        span.changelogBytesPerFrame[0], span.changelogBytesPerFrame[1],
                        config.hidden() * Float.BYTES);
                progress.println(result.line());
                progress.flush();
                return result;
            } finally {
                load.stop();
                sending.get();
                sender.shutdown();
            }
        } finally {
            Utils.delete(stateDir.toFile());
        }
    }

    /** What the measured span saw. */
    private record Span(double seconds, double frames, double embeddings, ProcessCpu cpu, long maxLagFrames,
                        double[] changelogBytesPerFrame) {
    }

    private static Span measure(CpcStreamsApp app, MeterRegistry registry, Duration warmUp, Instant end)
            throws InterruptedException {
        Thread.sleep(warmUp.toMillis());
        double framesBefore = count(registry, MetricNames.FRAMES_IN);
        double[] changelogBefore = changelogBytes(registry);
        double embeddingsBefore = count(registry, MetricNames.EMBEDDINGS_OUT);
        ProcessCpu cpuBefore = ProcessCpu.now();
        long start = System.nanoTime();
        long maxLagFrames = 0;
        while (Instant.now().isBefore(end)) {
            Thread.sleep(Math.max(1, Math.min(SAMPLE.toMillis(), Duration.between(Instant.now(), end).toMillis())));
            maxLagFrames = Math.max(maxLagFrames, app.status().lagFrames());
        }
        ProcessCpu cpu = ProcessCpu.now().minus(cpuBefore);
        double seconds = (System.nanoTime() - start) / 1e9;
        double frames = count(registry, MetricNames.FRAMES_IN) - framesBefore;
        double[] changelog = changelogBytes(registry);
        double[] changelogPerFrame = new double[changelog.length];
        for (int i = 0; i < changelog.length; i++) {
            changelogPerFrame[i] = (changelog[i] - changelogBefore[i]) / frames;
        }
        return new Span(seconds, frames, count(registry, MetricNames.EMBEDDINGS_OUT) - embeddingsBefore, cpu,
                maxLagFrames, changelogPerFrame);
    }

    /** Changelog bytes sent so far, in the order of {@link #ASSEMBLER_STORES}. */
    private static double[] changelogBytes(MeterRegistry registry) {
        return ASSEMBLER_STORES.stream().mapToDouble(store -> StoreSizes.changelogBytes(store, registry)).toArray();
    }

    /** @return the frames taken in when they reached {@code frames} or the deadline passed */
    private static double awaitFramesIn(MeterRegistry registry, long frames, Instant deadline)
            throws InterruptedException {
        while (count(registry, MetricNames.FRAMES_IN) < frames && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        return count(registry, MetricNames.FRAMES_IN);
    }

    private static double count(MeterRegistry registry, String name) {
        Counter counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The process's resident memory and the heap in use after a full collection. */
    private record Memory(long rssKb, long heapBytes) {

        static Memory now() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Memory(ProcessMemory.rssKb(), heap);
        }
    }
}
