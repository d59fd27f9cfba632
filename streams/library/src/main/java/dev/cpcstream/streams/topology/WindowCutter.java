package dev.cpcstream.streams.topology;

import java.util.List;
import java.util.function.Consumer;

/**
 * The frames of one source not yet past a window's hop, cut into windows of {@code window} samples every
 * {@code hop} samples. The samples stay in the frames store ({@link SourceFrames}), one record per frame, and are
 * read back only when a window is full; the cutter keeps which frames those are: the buffered frames are the
 * contiguous seqs {@code firstSeq .. firstSeq + frames - 1}, of which the first {@code headSkip} samples of the first
 * are already past. So its state has the same few fields however full the window is.
 */
final class WindowCutter {

    private final AssemblyRules rules;
    private long firstSeq;
    private int frames;
    private int headSkip;
    /** Samples per channel buffered: the frames' lengths minus {@code headSkip}. */
    private int buffered;
    /** Length and timestamp of the newest frame, kept across restarts to size and time a zero fill. */
    private int lastLength;
    private long lastTimestampMs;

    WindowCutter(AssemblyRules rules) {
        this(rules, 0, 0, 0, 0, 0, 0);
    }

    WindowCutter(AssemblyRules rules, long firstSeq, int frames, int headSkip, int buffered, int lastLength,
                 long lastTimestampMs) {
        this.rules = rules;
        this.firstSeq = firstSeq;
        this.frames = frames;
        this.headSkip = headSkip;
        this.buffered = buffered;
        this.lastLength = lastLength;
        this.lastTimestampMs = lastTimestampMs;
    }

    /** Appends a frame already in {@code store}, the one after the newest buffered, and cuts what is full. */
    void append(FrameHeader frame, SourceFrames store, Consumer<AssembledWindow> out) {
        if (frames == 0) {
            firstSeq = frame.seq();
            headSkip = 0;
        } else if (frame.seq() != firstSeq + frames) {
            throw new IllegalStateException("frame seq " + frame.seq() + " appended after seq "
                    + (firstSeq + frames - 1));
        }
        frames++;
        buffered += frame.length();
        lastLength = frame.length();
        lastTimestampMs = frame.timestampMs();
        if (buffered >= rules.window()) {
            cutWhileFull(store, out);
        }
    }

    /**
     * Missing frames {@code fromSeq..toSeq}: zero-filled (timestamps interpolated up to the next frame's) or the
     * partial window dropped, as the gap policy says.
     */
    void gap(long fromSeq, long toSeq, long nextTimestampMs, SourceFrames store, Consumer<AssembledWindow> out) {
        long missing = toSeq - fromSeq + 1;
        boolean fill = rules.gapPolicy() == GapPolicy.ZERO_FILL && lastLength > 0
                && missing * lastLength <= rules.window();
        if (!fill) {
            for (long seq = firstSeq; seq < firstSeq + frames; seq++) {
                store.delete(seq);
            }
            frames = 0;
            buffered = 0;
            headSkip = 0;
            return;
        }
        int length = lastLength;
        long previousTimestampMs = lastTimestampMs;
        for (long i = 0; i < missing; i++) {
            long timestampMs = previousTimestampMs + (nextTimestampMs - previousTimestampMs) * (i + 1) / (missing + 1);
            store.put(fromSeq + i, FrameSamples.silence(timestampMs, length));
            append(new FrameHeader(fromSeq + i, timestampMs, length), store, out);
        }
    }

    /** One range read for all the windows the newest frame completes. */
    private void cutWhileFull(SourceFrames store, Consumer<AssembledWindow> out) {
        long readFrom = firstSeq;
        List<FrameSamples> stored = store.read(readFrom, firstSeq + frames - 1);
        while (buffered >= rules.window()) {
            out.accept(cut(stored, (int) (firstSeq - readFrom), readFrom));
            dropFront(stored, readFrom, store);
        }
    }

    private AssembledWindow cut(List<FrameSamples> stored, int head, long readFrom) {
        int window = rules.window();
        float[] samples = new float[rules.channels() * window];
        int filled = 0;
        int skip = headSkip;
        int index = head;
        FrameSamples frame = null;
        while (filled < window) {
            frame = stored.get(index++);
            int taken = Math.min(frame.length() - skip, window - filled);
            if (!frame.silent()) {
                for (int c = 0; c < rules.channels(); c++) {
                    System.arraycopy(frame.samples(), c * frame.length() + skip, samples, c * window + filled, taken);
                }
            }
            filled += taken;
            skip = 0;
        }
        return new AssembledWindow(firstSeq, readFrom + index - 1, frame.timestampMs(), samples);
    }

    /** Moves the start a hop on, deleting the frames it passes entirely. */
    private void dropFront(List<FrameSamples> stored, long readFrom, SourceFrames store) {
        int toDrop = rules.hop();
        buffered -= toDrop;
        while (toDrop > 0) {
            int left = stored.get((int) (firstSeq - readFrom)).length() - headSkip;
            if (left > toDrop) {
                headSkip += toDrop;
                return;
            }
            toDrop -= left;
            store.delete(firstSeq);
            firstSeq++;
            frames--;
            headSkip = 0;
        }
    }

    // ---- state, for SourceAssemblySerde -------------------------------------------------------------------------

    long firstSeq() {
        return firstSeq;
    }

    int frames() {
        return frames;
    }

    int headSkip() {
        return headSkip;
    }

    int buffered() {
        return buffered;
    }

    int lastLength() {
        return lastLength;
    }

    long lastTimestampMs() {
        return lastTimestampMs;
    }
}
