package dev.cpcstream.streams.topology;

import dev.cpcstream.model.SourceLimits;
import dev.cpcstream.model.novelty.NoveltySettings;
import dev.cpcstream.schemas.SampleEncoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the topology assembles, batches, trains and checkpoints; the model itself is set by its {@code CpcConfig}.
 *
 * @param batchWindows         windows per micro-batch; a batch goes to the learner as soon as it is full
 * @param trainEvery           the trainer trains on every n-th micro-batch of training windows and skips the others
 *                             (1: train on all)
 * @param trainEnabled         false serves a frozen model: no window goes to the trainer and no task trains
 * @param trainFraction        the fraction of windows, in (0, 1], forwarded to the trainer; chosen by a hash of
 *                             source and first seq, so a replay chooses the same ones
 * @param trainMaxLag          the trainer's lag budget: a window that waited longer than this for the trainer is
 *                             skipped, so when the input outruns training it trains on the freshest windows and its
 *                             lag stays bounded (0: train on every window however late)
 * @param trainOnOwnThread     true runs the trainer task's steps on a thread of their own, so a step never holds up
 *                             the frames tasks that share the trainer task's stream thread; false runs them on the
 *                             stream thread, where a {@code TopologyTestDriver} sees a step done when its window is
 *                             piped
 * @param flushInterval        wall-clock period of the punctuator that sends a partial batch, bounding the latency
 *                             of a window that waits for its batch to fill; the checkpoint timer ticks with it
 * @param reorderBuffer        frames per source held back while waiting for a missing seq before declaring a gap
 * @param gapPolicy            what a declared gap does to the source's current window
 * @param encoding             the only sample encoding accepted, or empty to accept both
 * @param checkpointEverySteps checkpoint after this many optimizer steps (0: only on the timer)
 * @param checkpointInterval   checkpoint when this much time passed and the learner saw new windows (0: only by steps)
 * @param checkpointDir        a directory that also keeps checkpoints, besides the checkpoint topic
 * @param checkpointsKept      checkpoint files kept in that directory, newest first
 * @param snapshotEverySteps   publish the weights to the model topic after this many optimizer steps (0: only on
 *                             the timer)
 * @param snapshotInterval     publish them when this much time passed and the weights changed (0: only by steps)
 * @param novelty              how windows are scored for novelty, and which go to the novelty topic
 * @param sources              how long, and how many, sources' carried GRU states and novelty references are kept
 */
public record StreamSettings(int batchWindows, int trainEvery, boolean trainEnabled, double trainFraction,
                             Duration trainMaxLag, boolean trainOnOwnThread, Duration flushInterval,
                             int reorderBuffer, GapPolicy gapPolicy, Optional<SampleEncoding> encoding,
                             long checkpointEverySteps, Duration checkpointInterval, Optional<Path> checkpointDir,
                             int checkpointsKept, long snapshotEverySteps, Duration snapshotInterval,
                             NoveltySettings novelty, SourceLimits sources) {

    public StreamSettings {
        require(batchWindows >= 1, "batchWindows must be at least 1, got " + batchWindows);
        require(trainEvery >= 1, "trainEvery must be at least 1, got " + trainEvery);
        require(trainFraction > 0 && trainFraction <= 1, "trainFraction must be in (0, 1], got " + trainFraction);
        require(!trainMaxLag.isNegative(), "trainMaxLag must not be negative, got " + trainMaxLag);
        require(flushInterval.toMillis() >= 1, "flushInterval must be at least 1 ms, got " + flushInterval);
        require(reorderBuffer >= 0, "reorderBuffer must not be negative, got " + reorderBuffer);
        require(checkpointEverySteps >= 0, "checkpointEverySteps must not be negative, got " + checkpointEverySteps);
        require(!checkpointInterval.isNegative(), "checkpointInterval must not be negative, got " + checkpointInterval);
        require(checkpointsKept >= 1, "checkpointsKept must be at least 1, got " + checkpointsKept);
        require(snapshotEverySteps >= 0, "snapshotEverySteps must not be negative, got " + snapshotEverySteps);
        require(!snapshotInterval.isNegative(), "snapshotInterval must not be negative, got " + snapshotInterval);
    }

    /** The defaults the README's configuration section documents, key by key. */
    public static StreamSettings defaults() {
        return new StreamSettings(8, 1, true, 1.0, Duration.ofSeconds(30), true, Duration.ofMillis(20), 8,
                GapPolicy.ZERO_FILL, Optional.empty(), 100, Duration.ofSeconds(60), Optional.empty(), 3, 10,
                Duration.ofSeconds(5), NoveltySettings.defaults(), SourceLimits.defaults());
    }

    public StreamSettings withBatching(int batchWindows, int trainEvery, boolean trainEnabled) {
        return new StreamSettings(batchWindows, trainEvery, trainEnabled, trainFraction, trainMaxLag, trainOnOwnThread,
                flushInterval, reorderBuffer, gapPolicy, encoding, checkpointEverySteps, checkpointInterval,
                checkpointDir, checkpointsKept, snapshotEverySteps, snapshotInterval, novelty, sources);
    }

    public StreamSettings withTrainFraction(double fraction) {
        return new StreamSettings(batchWindows, trainEvery, trainEnabled, fraction, trainMaxLag, trainOnOwnThread,
                flushInterval, reorderBuffer, gapPolicy, encoding, checkpointEverySteps, checkpointInterval,
                checkpointDir, checkpointsKept, snapshotEverySteps, snapshotInterval, novelty, sources);
    }

    public StreamSettings withTrainMaxLag(Duration maxLag) {
        return new StreamSettings(batchWindows, trainEvery, trainEnabled, trainFraction, maxLag, trainOnOwnThread,
                flushInterval, reorderBuffer, gapPolicy, encoding, checkpointEverySteps, checkpointInterval,
                checkpointDir, checkpointsKept, snapshotEverySteps, snapshotInterval, novelty, sources);
    }

    public StreamSettings withTrainingThread(boolean ownThread) {
        return new StreamSettings(batchWindows, trainEvery, trainEnabled, trainFraction, trainMaxLag, ownThread,
                flushInterval, reorderBuffer, gapPolicy, encoding, checkpointEverySteps, checkpointInterval,
                checkpointDir, checkpointsKept, snapshotEverySteps, snapshotInterval, novelty, sources);
    }

    public StreamSettings withSequencing(int reorderBuffer, GapPolicy gapPolicy, Optional<SampleEncoding> encoding) {
        return new StreamSettings(batchWindows, trainEvery, trainEnabled, trainFraction, trainMaxLag, trainOnOwnThread,
                flushInterval, reorderBuffer, gapPolicy, encoding, checkpointEverySteps, checkpointInterval,
                checkpointDir, checkpointsKept, snapshotEverySteps, snapshotInterval, novelty, sources);
    }

    public StreamSettings withCheckpoints(long everySteps, Duration interval, Optional<Path> dir, int kept) {
        return new StreamSettings(batchWindows, trainEvery, trainEnabled, trainFraction, trainMaxLag, trainOnOwnThread,
                flushInterval, reorderBuffer, gapPolicy, encoding, everySteps, interval, dir, kept, snapshotEverySteps,
                snapshotInterval, novelty, sources);
    }

    public StreamSettings withSnapshots(long everySteps, Duration interval) {
        return new StreamSettings(batchWindows, trainEvery, trainEnabled, trainFraction, trainMaxLag, trainOnOwnThread,
                flushInterval, reorderBuffer, gapPolicy, encoding, checkpointEverySteps, checkpointInterval,
                checkpointDir, checkpointsKept, everySteps, interval, novelty, sources);
    }

    public StreamSettings withNovelty(NoveltySettings settings) {
        return new StreamSettings(batchWindows, trainEvery, trainEnabled, trainFraction, trainMaxLag, trainOnOwnThread,
                flushInterval, reorderBuffer, gapPolicy, encoding, checkpointEverySteps, checkpointInterval,
                checkpointDir, checkpointsKept, snapshotEverySteps, snapshotInterval, settings, sources);
    }

    public StreamSettings withSources(SourceLimits limits) {
        return new StreamSettings(batchWindows, trainEvery, trainEnabled, trainFraction, trainMaxLag, trainOnOwnThread,
                flushInterval, reorderBuffer, gapPolicy, encoding, checkpointEverySteps, checkpointInterval,
                checkpointDir, checkpointsKept, snapshotEverySteps, snapshotInterval, novelty, limits);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
