package dev.cpcstream.streams.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time used so far: by the whole process (broker, sender and application, and ND4J's native threads, which the
 * JVM's thread list does not show), and by the application's Kafka Streams threads alone.
 *
 * @param processNanos       the process's CPU time
 * @param streamThreadsNanos the CPU time of the live threads named {@code ...StreamThread-N}
 */
record ProcessCpu(long processNanos, long streamThreadsNanos) {

    private static final String STREAM_THREAD = "-StreamThread-";

    static ProcessCpu now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long streams = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(STREAM_THREAD)) {
                streams += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return new ProcessCpu(os.getProcessCpuTime(), streams);
    }

    ProcessCpu minus(ProcessCpu earlier) {
        return new ProcessCpu(processNanos - earlier.processNanos, streamThreadsNanos - earlier.streamThreadsNanos);
    }
}
