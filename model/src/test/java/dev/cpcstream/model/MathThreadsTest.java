package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.MathThreads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MathThreadsTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @AfterAll
    static void restoreOneThreadPerCore() {
        MathThreads.use(CORES);
    }

    @Test
    void aThreadThatRunsTheModelForksAsManyOpenMpThreadsAsTheProcessChose() throws InterruptedException {
        int chosen = CORES + 1;                 // unlike OpenMP's default of one per core, so the test can tell
        MathThreads.use(chosen);
        CpcConfig tiny = Presets.get("tiny");
        List<Window> batch = new SyntheticWindows(tiny, 2, 3).nextBatch();
        AtomicInteger beforeTraining = new AtomicInteger();
        AtomicInteger whileTraining = new AtomicInteger();
        Thread trainer = new Thread(() -> {
            beforeTraining.set(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
            try (OnlineLearner learner = new OnlineLearner(tiny)) {
                learner.train(batch);
                whileTraining.set(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
            }
        });
        trainer.start();
        trainer.join();

        assumeTrue(beforeTraining.get() != chosen, "OMP_NUM_THREADS already asks for the chosen count");
        assertEquals(chosen, whileTraining.get());
    }
}
