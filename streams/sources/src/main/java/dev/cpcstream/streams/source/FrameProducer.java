package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.RecordCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Writes a {@link FrameSource}'s frames to the frames topic through a {@link FrameSender}, encoded by a
 * {@link RecordCodec} (single-object unless told otherwise), paced as asked.
 */
public final class FrameProducer implements AutoCloseable {

    /** How often a paused producer looks again at the clock or at the consumer's progress. */
    private static final Duration POLL = Duration.ofMillis(20);

    private final FrameSender sender;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** The consumer's frame count when last asked: asking may cost more than sending a frame. */
    private long framesConsumedSeen;
    /** Capture time of the first frame and the wall-clock time it was sent: the origin of a paced replay. */
    private Instant firstCapture;
    private Instant firstSent;

    /** @param clientConfig at least {@code bootstrap.servers}; may override the defaults below */
    public FrameProducer(Map<String, Object> clientConfig, String topic) {
        this(clientConfig, topic, Codecs.FRAME);
    }

    /** As {@link #FrameProducer(Map, String)}, writing frames in {@code codec}'s wire format. */
    public FrameProducer(Map<String, Object> clientConfig, String topic, RecordCodec<Frame> codec) {
        this.sender = new FrameSender(clientConfig, topic, codec);
    }

    /**
     * Sends until the source ends, {@code deadline} passes or {@link #stop()} is called, then waits until the broker
     * has every frame sent.
     *
     * @return frames sent per source id, in the source's order
     * @throws IllegalStateException if the broker refused a frame
     */
    public Map<String, Long> run(FrameSource source, Pacing pacing, Instant deadline) throws InterruptedException {
        Map<String, Long> sent = new LinkedHashMap<>();
        source.sourceIds().forEach(id -> sent.put(id, 0L));
        long total = 0;
        for (Optional<Frame> next = source.next(); next.isPresent(); next = source.next()) {
            Frame frame = next.get();
            if (!waitUntilSendable(frame, total, pacing, deadline)) {
                break;
            }
            sender.send(frame);
            sent.merge(frame.getSourceId(), 1L, Long::sum);
            total++;
        }
        sender.flush();
        return sent;
    }

    /** Makes {@link #run} return soon, from any thread. */
    public void stop() {
        stopRequested.countDown();
    }

    /** Waits for the frame's turn; false when the run should end instead. */
    private boolean waitUntilSendable(Frame frame, long sentSoFar, Pacing pacing, Instant deadline)
            throws InterruptedException {
        while (true) {
            Instant now = Instant.now();
            if (stopRequested.getCount() == 0 || !now.isBefore(deadline)) {
                return false;
            }
            Instant due = dueTime(frame, pacing, now);
            boolean early = now.isBefore(due);
            boolean tooFarAhead = pacing.framesConsumed() != null && isTooFarAhead(sentSoFar, pacing);
            if (!early && !tooFarAhead) {
                return true;
            }
            long waitMillis = early ? Math.min(POLL.toMillis(), Duration.between(now, due).toMillis())
                    : POLL.toMillis();
            if (stopRequested.await(Math.max(1, waitMillis), TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
    }

    /** When a paced frame may go: its capture time after the first frame's, divided by the speed. */
    private Instant dueTime(Frame frame, Pacing pacing, Instant now) {
        if (!pacing.paced()) {
            return now;
        }
        if (firstCapture == null) {
            firstCapture = frame.getTimestamp();
            firstSent = now;
        }
        long signalNanos = Duration.between(firstCapture, frame.getTimestamp()).toNanos();
        return firstSent.plusNanos(Math.round(signalNanos / pacing.speed()));
    }

    /** Asks the consumer for its count only when the count seen last says the producer is too far ahead. */
    private boolean isTooFarAhead(long sentSoFar, Pacing pacing) {
        if (sentSoFar - framesConsumedSeen <= pacing.maxFramesAhead()) {
            return false;
        }
        framesConsumedSeen = pacing.framesConsumed().getAsLong();
        return sentSoFar - framesConsumedSeen > pacing.maxFramesAhead();
    }

    @Override
    public void close() {
        sender.close();
    }
}
