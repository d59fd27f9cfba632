package dev.cpcstream.model.nd4j;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads one ND4J op may use: its own loops, the BLAS under them and the OpenMP regions of both. ND4J's
 * and the BLAS's counts are process-wide and set once, before the first op; ND4J's default is one thread per core
 * for every op of every thread.
 *
 * <p>OpenMP's count is not process-wide: each thread keeps its own, and a thread that never set it forks one thread
 * per core whatever ND4J was told. On a busy machine such a fork waits at its barrier for a core that the other
 * threads of the pipeline hold, so every thread that runs model math calls {@link #onThisThread} first.
 */
public final class MathThreads {

    private static volatile int configured;
    private static final ThreadLocal<Integer> APPLIED_HERE = ThreadLocal.withInitial(() -> 0);

    private MathThreads() {
    }

    /** @throws IllegalArgumentException below 1 */
    public static void use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("math threads must be at least 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        configured = threads;
        onThisThread();
    }

    /** Gives the calling thread's OpenMP regions the count {@link #use} set; nothing before it was called. */
    public static void onThisThread() {
        int threads = configured;
        if (threads > 0 && APPLIED_HERE.get() != threads) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            APPLIED_HERE.set(threads);
        }
    }
}
