package dev.cpcstream.streams.cli;

import java.util.Locale;

/**
 * What the many-sources phase measured at one source count, the total rate held the same for every count.
 *
 * @param frameMs                   signal per frame
 * @param totalSpeed                signal sent per wall second, summed over the sources, in multiples of real time
 * @param prefillFrames             frames sent unpaced first, to spread the sources' windows in time
 * @param prefillSeconds            from the first of them sent to the last taken in by the application
 * @param prefillCpuUsPerFrame      the process's CPU time while they were sent and taken in, per frame taken in:
 *                                  assembly at full speed, no window completed yet
 * @param prefillStreamCpuUsPerFrame the Kafka Streams threads' share of it
 * @param framesPerSecond           frames taken in per second of the measured span
 * @param embeddingsPerSecond       embeddings per second of that span
 * @param expectedWindowsPerSecond  the windows per second the total rate makes, once every source is past its first
 * @param cpuUsPerFrame             the process's CPU time over the span per frame taken in, microseconds
 * @param streamCpuUsPerFrame       the Kafka Streams threads' share of it
 * @param cpuCores                  the process's CPU time over the span per wall second
 * @param maxLagFrames              the frames topic's consumer lag, the largest sampled in the span
 * @param rssKbPerSource            resident memory at the end minus before the application started, per source
 * @param heapKbPerSource           the same for the Java heap in use after a full collection
 * @param assembler                 the per-source sequencing store
 * @param assemblerFrames           the frames store (absent before it existed: zeros)
 * @param pendingWindows            the windows waiting for their embedding
 * @param assemblerChangelogBytesPerFrame bytes sent to the assembler store's changelog in the span, per frame
 * @param framesChangelogBytesPerFrame    the same for the frames store's changelog
 * @param carriedStateBytesPerSource the GRU state each learner keeps per source in memory: hidden floats
 */
record ManySourcesResult(int sources, long frameMs, double totalSpeed, double seconds, long prefillFrames,
                         double prefillSeconds, double prefillCpuUsPerFrame, double prefillStreamCpuUsPerFrame,
                         double framesPerSecond, double embeddingsPerSecond,
                         double expectedWindowsPerSecond, double cpuUsPerFrame, double streamCpuUsPerFrame,
                         double cpuCores, long maxLagFrames, double rssKbPerSource, double heapKbPerSource,
                         StoreSizes assembler, StoreSizes assemblerFrames, StoreSizes pendingWindows,
                         double assemblerChangelogBytesPerFrame, double framesChangelogBytesPerFrame,
                         int carriedStateBytesPerSource) {

    String line() {
        return String.format(Locale.ROOT, "sources %6d sources  %3d ms frames  %5.1fx total  prefill %7d in %5.1f s"
                        + " (%6.1f us/frame, streams %6.1f)  %7.0f frames/s  %5.1f emb/s (of %5.1f)"
                        + "  cpu %7.1f us/frame (streams %7.1f)  %4.2f cores  lag<=%d  rss %+8.1f KiB/source"
                        + "  heap %+8.1f KiB/source  stores %s / %s / %s  changelog %.0f + %.0f B/frame",
                sources, frameMs, totalSpeed, prefillFrames, prefillSeconds, prefillCpuUsPerFrame,
                prefillStreamCpuUsPerFrame, framesPerSecond, embeddingsPerSecond,
                expectedWindowsPerSecond, cpuUsPerFrame, streamCpuUsPerFrame, cpuCores, maxLagFrames, rssKbPerSource,
                heapKbPerSource, describe(assembler), describe(assemblerFrames), describe(pendingWindows),
                assemblerChangelogBytesPerFrame, framesChangelogBytesPerFrame);
    }

    private String describe(StoreSizes store) {
        return String.format(Locale.ROOT, "%.0f keys %.1f KiB/source", store.keys(),
                store.bytes() / 1024.0 / sources);
    }
}
