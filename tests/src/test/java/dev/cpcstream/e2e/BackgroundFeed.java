package dev.cpcstream.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SyntheticFeed} sent on a thread of its own, chunk after chunk at about half real time (so that a learner
 * sharing a small machine with its broker and the test keeps up), from when it is started until it is stopped:
 * input that keeps arriving whatever happens to the learner meanwhile.
 */
final class BackgroundFeed implements AutoCloseable {

    private static final long CHUNK_FRAMES = 50;
    private static final Duration CHUNK_EVERY = SyntheticFeed.FRAME.multipliedBy(2 * CHUNK_FRAMES);
    private static final Duration STOP = Duration.ofMinutes(1);

    private final SyntheticFeed feed;
    private final String bootstrap;
    private final String framesTopic;
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "background-feed"));
    private volatile boolean stopped;
    private Future<?> running;

    BackgroundFeed(SyntheticFeed feed, String bootstrap, String framesTopic) {
        this.feed = feed;
        this.bootstrap = bootstrap;
        this.framesTopic = framesTopic;
    }

    /** Starts sending, unless it already does. */
    void startOnce() {
        if (running == null) {
            running = thread.submit(this::sendUntilStopped);
        }
    }

    /** Stops after the chunk in flight; fails the test if a send failed. */
    void stop() throws Exception {
        stopped = true;
        if (running != null) {
            running.get(STOP.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Frames sent per source, from seq 0 on; complete once {@link #stop()} returned. */
    Map<String, Long> sent() {
        return Map.copyOf(sent);
    }

    int stepsPerFrame() {
        return feed.stepsPerFrame();
    }

    private Void sendUntilStopped() throws InterruptedException {
        long chunkMillis = CHUNK_EVERY.toMillis();
        while (!stopped) {
            long began = System.nanoTime();
            feed.send(bootstrap, framesTopic, CHUNK_FRAMES).forEach((source, n) -> sent.merge(source, n, Long::sum));
            long left = chunkMillis - (System.nanoTime() - began) / 1_000_000;
            if (left > 0) {
                Thread.sleep(left);
            }
        }
        return null;
    }

    @Override
    public void close() {
        stopped = true;
        thread.shutdownNow();
    }
}
