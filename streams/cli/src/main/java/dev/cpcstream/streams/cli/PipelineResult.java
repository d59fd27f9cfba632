package dev.cpcstream.streams.cli;

import java.util.Locale;
import java.util.Map;

/**
 * What one phase of the pipeline benchmark measured, per wall second of its measured span.
 *
 * @param speed            frames sent at this multiple of real time, all sources together; 0 unpaced
 * @param audioEmbedded    seconds of signal embedded per wall second
 * @param audioTrained     seconds of signal trained on per wall second
 * @param latencyP50Ms     from a frame's append to the commit of its window's embedding, median; null unless paced
 * @param maxLagFrames     the frames topic's consumer lag, the largest sampled
 * @param rssStartMb       resident memory of the process when the measured span began, after the warm-up
 * @param rssMaxMb         the largest resident memory sampled over the span
 * @param rssMb            resident memory of the process at the end of the phase
 * @param threadMaxMs      the longest commit, poll, process and punctuate call of any stream thread over the span
 */
record PipelineResult(String phase, int sources, double speed, boolean training, double seconds,
                      double framesPerSecond, double embeddingsPerSecond, double trainedPerSecond,
                      double audioEmbedded, double audioTrained, Double latencyP50Ms, Double latencyP99Ms,
                      long maxLagFrames, long rssStartMb, long rssMaxMb, long rssMb,
                      Map<String, Double> threadMaxMs) {

    String line() {
        return String.format(Locale.ROOT, "%-10s %6d sources  %5.0fx  %8.0f frames/s  %7.1f emb/s  %6.1f trained/s"
                        + "  %6.1fx embedded  %5.1fx trained  p50 %6s ms  p99 %6s ms  lag<=%d  rss %d -> %d MiB (max %d)  %s",
                phase, sources, speed, framesPerSecond, embeddingsPerSecond, trainedPerSecond, audioEmbedded,
                audioTrained, millis(latencyP50Ms), millis(latencyP99Ms), maxLagFrames, rssStartMb, rssMb, rssMaxMb,
                StreamThreadLatencies.line(threadMaxMs));
    }

    private static String millis(Double ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.0f", ms);
    }
}
