package dev.cpcstream.model.bench;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.Window;
import dev.cpcstream.model.Gaussian;
import dev.cpcstream.model.nd4j.MathThreads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The model benchmark: the same training step as {@code shared/bench/torch_cpc.py}, with the same flags and JSON keys,
 * so the two can be run side by side and compared as ratios. Returns the result line's fields ({@code cpcstream
 * bench-model} prints them as one JSON line); progress goes to stderr.
 */
public final class ModelBenchmark {

    private ModelBenchmark() {
    }

    /** The result's fields in the peer's order; empty after printing the flags for {@code --help}. */
    public static Optional<Map<String, Object>> run(String[] args) {
        BenchFlags f = BenchFlags.parse(args);
        if (f.help()) {
            System.out.println(BenchFlags.USAGE);
            return Optional.empty();
        }
        MathThreads.use(f.threads());
        CpcConfig config = f.config();
        List<Window> batch = randomBatch(config, f.batch());

        try (OnlineLearner learner = new OnlineLearner(config)) {
            double[] lastLoss = new double[1];
            List<Double> train = timed("train", f.steps(), f.warmup(), () -> {
                lastLoss[0] = learner.train(batch).losses().infoNce();
                return null;
            });
            List<Double> infer = timed("infer", f.steps(), f.warmup(), () -> learner.embed(batch));
            double median = median(train);
            double flops = Flops.perTrainingStep(config, f.batch());
            double sgemm = sgemmGflops(2048, 10);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("impl", "cpcstream-nd4j");
            out.put("version", Nd4j.class.getPackage().getImplementationVersion());
            out.put("threads", f.threads());
            out.put("config", Map.of("channels", config.channels(), "hidden", config.hidden(), "batch", f.batch(),
                    "window", config.window(), "frames", config.frames(), "steps_ahead", config.stepsAhead(),
                    "negatives", config.negatives(), "queue", config.queueSize(), "norm", config.channelNorm()));
            out.put("train_step_ms", Map.of("median", round(median), "min", round(min(train)), "max", round(max(train))));
            out.put("infer_ms", Map.of("median", round(median(infer)), "min", round(min(infer))));
            out.put("audio_seconds_per_second_train", round(f.batch() * config.window() / 16000.0 / (median / 1e3)));
            out.put("gflop_per_step", round(flops / 1e9));
            out.put("achieved_gflops", round(flops / (median / 1e3) / 1e9));
            out.put("sgemm_gflops", round(sgemm));
            out.put("last_loss", Math.round(lastLoss[0] * 1e4) / 1e4);
            out.put("peak_rss_mb", ProcessMemory.peakRssMb());
            out.put("memory_mb", memoryBreakdown());
            out.put("backend", Nd4j.getBackend().getClass().getSimpleName());
            out.put("native", ProcessMemory.nativeClassifier());
            return Optional.of(out);
        }
    }

    /** Where the resident memory is at the end: the JVM heap, ND4J's workspaces (their blocks), the whole process. */
    private static Map<String, Object> memoryBreakdown() {
        long workspaces = 0;
        for (MemoryWorkspace w : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            workspaces += w.getCurrentSize();
        }
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rss", ProcessMemory.rssMb());
        m.put("heap_committed", rt.totalMemory() >> 20);
        m.put("heap_max", rt.maxMemory() >> 20);
        m.put("workspaces", workspaces >> 20);
        return m;
    }

    static List<Window> randomBatch(CpcConfig config, int batch) {
        SplittableRandom rng = new SplittableRandom(0);
        List<Window> windows = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            float[] x = new float[config.inChannels() * config.window()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.1 * Gaussian.next(rng));
            }
            windows.add(new Window("bench-" + b, x));
        }
        return windows;
    }

    static List<Double> timed(String what, int steps, int warmup, Supplier<?> fn) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < steps + warmup; i++) {
            long t0 = System.nanoTime();
            fn.get();
            double elapsed = (System.nanoTime() - t0) / 1e6;
            if (i >= warmup) {
                ms.add(elapsed);
            }
            System.err.printf("%s %d/%d: %.1f ms, rss %d MB%n", what, i + 1, steps + warmup, elapsed, ProcessMemory.rssMb());
        }
        return ms;
    }

    /** The same reference gemm as the PyTorch peer: C = A B for random n x n single-precision matrices. */
    static double sgemmGflops(int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < reps + 2; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            if (i >= 2) {
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return 2.0 * n * n * n / (median(ms) / 1e3) / 1e9;
    }

    static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
