package dev.cpcstream.streams.topology;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The samples of one source not yet past a window's hop, cut into windows of {@code window} samples every
 * {@code hop} samples. Remembers which frames (seq, timestamp) the buffered samples came from, so each window
 * knows its first and last frame.
 */
final class WindowCutter {

    /** A run of buffered samples from one frame (or one zero-filled missing frame). */
    record Segment(long seq, long timestampMs, int length) {
    }

    private final AssemblyRules rules;
    /** [C][capacity]; the first {@code buffered} samples of each channel are in use. */
    private float[][] buffer;
    private int buffered;
    private final Deque<Segment> segments;
    /** Length and timestamp of the newest frame, kept across restarts to size and time a zero fill. */
    private int lastLength;
    private long lastTimestampMs;

    WindowCutter(AssemblyRules rules) {
        this(rules, new float[rules.channels()][rules.window()], 0, new ArrayDeque<>(), 0, 0);
    }

    WindowCutter(AssemblyRules rules, float[][] buffer, int buffered, Deque<Segment> segments, int lastLength,
                 long lastTimestampMs) {
        this.rules = rules;
        this.buffer = buffer;
        this.buffered = buffered;
        this.segments = segments;
        this.lastLength = lastLength;
        this.lastTimestampMs = lastTimestampMs;
    }

    void append(DecodedFrame frame, Consumer<AssembledWindow> out) {
        append(frame.seq(), frame.timestampMs(), frame.length(), frame.samples(), out);
    }

    /**
     * Missing frames {@code fromSeq..toSeq}: zero-filled (timestamps interpolated up to the next frame's) or the
     * partial window dropped, as the gap policy says.
     */
    void gap(long fromSeq, long toSeq, long nextTimestampMs, Consumer<AssembledWindow> out) {
        long missing = toSeq - fromSeq + 1;
        boolean fill = rules.gapPolicy() == GapPolicy.ZERO_FILL && lastLength > 0
                && missing * lastLength <= rules.window();
        if (!fill) {
            buffered = 0;
            segments.clear();
            return;
        }
        int length = lastLength;
        long previousTimestampMs = lastTimestampMs;
        float[] silence = new float[rules.channels() * length];
        for (long i = 0; i < missing; i++) {
            long timestampMs = previousTimestampMs + (nextTimestampMs - previousTimestampMs) * (i + 1) / (missing + 1);
            append(fromSeq + i, timestampMs, length, silence, out);
        }
    }

    private void append(long seq, long timestampMs, int length, float[] channelMajor, Consumer<AssembledWindow> out) {
        ensureCapacity(buffered + length);
        for (int c = 0; c < rules.channels(); c++) {
            System.arraycopy(channelMajor, c * length, buffer[c], buffered, length);
        }
        buffered += length;
        segments.addLast(new Segment(seq, timestampMs, length));
        lastLength = length;
        lastTimestampMs = timestampMs;
        while (buffered >= rules.window()) {
            out.accept(cut());
            dropFront(rules.hop());
        }
    }

    private AssembledWindow cut() {
        int window = rules.window();
        float[] samples = new float[rules.channels() * window];
        for (int c = 0; c < rules.channels(); c++) {
            System.arraycopy(buffer[c], 0, samples, c * window, window);
        }
        Segment last = null;
        int covered = 0;
        for (Segment segment : segments) {
            last = segment;
            covered += segment.length();
            if (covered >= window) {
                break;
            }
        }
        return new AssembledWindow(segments.getFirst().seq(), last.seq(), last.timestampMs(), samples);
    }

    private void dropFront(int samples) {
        for (float[] channel : buffer) {
            System.arraycopy(channel, samples, channel, 0, buffered - samples);
        }
        buffered -= samples;
        int toDrop = samples;
        while (toDrop > 0) {
            Segment head = segments.removeFirst();
            if (head.length() > toDrop) {
                segments.addFirst(new Segment(head.seq(), head.timestampMs(), head.length() - toDrop));
            }
            toDrop -= head.length();
        }
    }

    private void ensureCapacity(int samples) {
        if (samples > buffer[0].length) {
            int capacity = Math.max(samples, 2 * buffer[0].length);
            for (int c = 0; c < buffer.length; c++) {
                buffer[c] = Arrays.copyOf(buffer[c], capacity);
            }
        }
    }

    // ---- state, for SourceAssemblySerde -------------------------------------------------------------------------

    int channels() {
        return buffer.length;
    }

    int buffered() {
        return buffered;
    }

    float[] bufferedChannel(int channel) {
        return Arrays.copyOf(buffer[channel], buffered);
    }

    Deque<Segment> segments() {
        return segments;
    }

    int lastLength() {
        return lastLength;
    }

    long lastTimestampMs() {
        return lastTimestampMs;
    }
}
