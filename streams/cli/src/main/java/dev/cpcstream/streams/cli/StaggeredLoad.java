package dev.cpcstream.streams.cli;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.SampleEncoding;
import dev.cpcstream.streams.source.FrameSender;
import dev.cpcstream.streams.source.SampleEncoder;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The frames of the many-sources phase: {@code sources} sources sending one total frame rate, whatever their number.
 * Each source is first given a share of a window unpaced, so that, once paced round-robin, the sources' windows
 * complete evenly spread in time at the rate the total implies, instead of all together after a whole window per
 * source: source i of N gets {@code (F - 1)(N - i) / N} of the F frames a window takes, so source 0 completes a
 * window with its first paced frame and source i about {@code i F / N} round-robin rounds later, evenly over the F
 * rounds in which each source fills a window. The samples come from a small pool of noise frames: the
 * pipeline's cost does not depend on them, and the sender stays cheap beside the process it measures.
 */
final class StaggeredLoad implements AutoCloseable {

    private static final int POOL = 16;
    private static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final FrameSender sender;
    private final int sampleRate;
    private final int channels;
    private final Duration frame;
    private final int framesPerWindow;
    private final ByteBuffer[] pool;
    private final long[] nextSeq;
    private final Instant start = Instant.now();
    private volatile boolean stopped;

    /** @param stepsPerFrame samples per channel in one frame of {@code frame}'s duration */
    StaggeredLoad(String bootstrap, String topic, int sources, int sampleRate, int channels, Duration frame,
                  int stepsPerFrame, int window) {
        this.sender = new FrameSender(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-stream-load"), topic, Codecs.FRAME);
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.frame = frame;
        this.framesPerWindow = (window + stepsPerFrame - 1) / stepsPerFrame;
        this.pool = noise(channels * stepsPerFrame);
        this.nextSeq = new long[sources];
    }

    /**
     * Sends every source its share of a window, round by round as live sources would, unpaced.
     *
     * @return frames sent
     */
    long prefill() {
        int sources = nextSeq.length;
        long sent = 0;
        for (int round = 0; round < framesPerWindow; round++) {
            for (int source = 0; source < sources; source++) {
                if (prefilled(source) > round) {
                    send(source);
                    sent++;
                }
            }
        }
        sender.flush();
        return sent;
    }

    private long prefilled(int source) {
        int sources = nextSeq.length;
        return (long) (framesPerWindow - 1) * (sources - source) / sources;
    }

    /** Sends round-robin at {@code framesPerSecond} in all until {@code end} or {@link #stop()}; frames sent. */
    long paced(double framesPerSecond, Instant end) {
        long startNanos = System.nanoTime();
        long sent = 0;
        int source = 0;
        while (!stopped && Instant.now().isBefore(end)) {
            long due = startNanos + (long) (sent * 1e9 / framesPerSecond);
            if (System.nanoTime() < due) {
                LockSupport.parkNanos(Math.min(SLEEP_NANOS, due - System.nanoTime()));
                continue;
            }
            send(source);
            source = (source + 1) % nextSeq.length;
            sent++;
        }
        sender.flush();
        return sent;
    }

    /** Makes {@link #paced} return soon, from any thread. */
    void stop() {
        stopped = true;
    }

    private void send(int source) {
        long seq = nextSeq[source]++;
        String sourceId = String.format("src-%05d", source);
        Frame f = Frame.newBuilder()
                .setSourceId(sourceId)
                .setSeq(seq)
                .setTimestamp(start.plus(frame.multipliedBy(seq)))
                .setSampleRate(sampleRate)
                .setChannels(channels)
                .setEncoding(SampleEncoding.FLOAT32_LE)
                .setData(pool[(int) ((source + seq) % POOL)].duplicate())
                .build();
        sender.send(f);
    }

    private static ByteBuffer[] noise(int samples) {
        SplittableRandom random = new SplittableRandom(42);
        ByteBuffer[] frames = new ByteBuffer[POOL];
        for (int i = 0; i < POOL; i++) {
            float[] values = new float[samples];
            for (int s = 0; s < samples; s++) {
                values[s] = (float) (0.1 * (2 * random.nextDouble() - 1));
            }
            frames[i] = SampleEncoder.encode(values, SampleEncoding.FLOAT32_LE);
        }
        return frames;
    }

    @Override
    public void close() {
        sender.close();
    }
}
