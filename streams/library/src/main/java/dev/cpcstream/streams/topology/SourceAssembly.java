package dev.cpcstream.streams.topology;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One source's frames put back in seq order and cut into windows. A frame ahead of the expected seq waits in a
 * buffer of at most {@code reorderBuffer} frames for the missing ones; when the buffer overflows the missing seqs
 * are declared a gap. A frame whose seq runs far ahead of its timestamp is refused rather than taken for a gap.
 * Stored per sourceId in the assembler's state store, so a restart resumes mid-window; the samples of the frames it
 * buffers or holds are in the frames store ({@link SourceFrames}), written once each, so this state stays small.
 */
final class SourceAssembly {

    /** A run of seqs declared missing, remembered to tell a too-late frame from a duplicate. */
    record SeqRange(long from, long to) {
        boolean contains(long seq) {
            return seq >= from && seq <= to;
        }
    }

    /** Gaps remembered; an older gap's frame arriving now is counted as a duplicate rather than as too late. */
    static final int GAPS_REMEMBERED = 16;

    private final AssemblyRules rules;
    private boolean started;
    /** The seq the assembly waits for next; meaningful once started. */
    private long expectedSeq;
    /** Frames ahead of the expected seq, by seq. */
    private final NavigableMap<Long, FrameHeader> held;
    private final Deque<SeqRange> recentGaps;
    private final WindowCutter cutter;

    SourceAssembly(AssemblyRules rules) {
        this(rules, false, 0, new TreeMap<>(), new ArrayDeque<>(), new WindowCutter(rules));
    }

    SourceAssembly(AssemblyRules rules, boolean started, long expectedSeq, NavigableMap<Long, FrameHeader> held,
                   Deque<SeqRange> recentGaps, WindowCutter cutter) {
        this.rules = rules;
        this.started = started;
        this.expectedSeq = expectedSeq;
        this.held = held;
        this.recentGaps = recentGaps;
        this.cutter = cutter;
    }

    /** Offers a frame; an accepted one (assembled now or held) is written to {@code store}. */
    void offer(DecodedFrame frame, SourceFrames store, AssemblyListener listener) {
        if (!started) {
            // The first frame ever seen of a source starts it, whatever its seq.
            started = true;
            expectedSeq = frame.seq();
        }
        long seq = frame.seq();
        if (seq < expectedSeq) {
            if (recentGaps.stream().anyMatch(gap -> gap.contains(seq))) {
                listener.tooLate(frame);
            } else {
                listener.duplicate(frame);
            }
        } else if (held.containsKey(seq)) {
            listener.duplicate(frame);
        } else if (seq == expectedSeq) {
            if (!held.isEmpty()) {
                listener.reordered(frame);
            }
            store.put(seq, FrameSamples.of(frame));
            release(FrameHeader.of(frame), store, listener);
            releaseHeldInOrder(store, listener);
        } else if (!clockBacksJump(frame)) {
            listener.seqJump(frame, expectedSeq, cutter.lastTimestampMs());
        } else {
            store.put(seq, FrameSamples.of(frame));
            held.put(seq, FrameHeader.of(frame));
            while (held.size() > rules.reorderBuffer()) {
                declareGap(store, listener);
            }
        }
    }

    /**
     * Accepting a jump past more than a window of missing frames moves the expected seq so far that every genuine
     * frame after it would be dropped (too late, or a duplicate), so such a jump must be backed by the clock: the
     * frame starts at least half as long after the newest assembled frame as the frames it skips would have lasted
     * (half: room for clock drift and frames of uneven length).
     */
    private boolean clockBacksJump(DecodedFrame frame) {
        int frameLength = cutter.lastLength();
        double missing = (double) frame.seq() - expectedSeq;
        if (frameLength == 0 || missing * frameLength <= rules.window()) {
            return true;
        }
        double skippedMs = (missing + 1) * frameLength * 1000.0 / rules.sampleRate();
        return frame.timestampMs() - cutter.lastTimestampMs() >= skippedMs / 2;
    }

    private void declareGap(SourceFrames store, AssemblyListener listener) {
        FrameHeader next = held.firstEntry().getValue();
        SeqRange gap = new SeqRange(expectedSeq, next.seq() - 1);
        recentGaps.addLast(gap);
        if (recentGaps.size() > GAPS_REMEMBERED) {
            recentGaps.removeFirst();
        }
        listener.gap(gap.from(), gap.to());
        cutter.gap(gap.from(), gap.to(), next.timestampMs(), store, listener::window);
        expectedSeq = next.seq();
        releaseHeldInOrder(store, listener);
    }

    private void releaseHeldInOrder(SourceFrames store, AssemblyListener listener) {
        while (!held.isEmpty() && held.firstKey() == expectedSeq) {
            release(held.pollFirstEntry().getValue(), store, listener);
        }
    }

    private void release(FrameHeader frame, SourceFrames store, AssemblyListener listener) {
        cutter.append(frame, store, listener::window);
        expectedSeq = frame.seq() + 1;
    }

    // ---- state, for SourceAssemblySerde -------------------------------------------------------------------------

    boolean started() {
        return started;
    }

    long expectedSeq() {
        return expectedSeq;
    }

    NavigableMap<Long, FrameHeader> held() {
        return held;
    }

    Deque<SeqRange> recentGaps() {
        return recentGaps;
    }

    WindowCutter cutter() {
        return cutter;
    }
}
