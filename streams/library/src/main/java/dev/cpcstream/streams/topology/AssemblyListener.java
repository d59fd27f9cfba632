package dev.cpcstream.streams.topology;

/** What happened while one frame was offered to its source's assembly, in the order it happened. */
public interface AssemblyListener {

    void window(AssembledWindow window);

    /** The frame's seq was already assembled or is already held: dropped. */
    void duplicate(DecodedFrame frame);

    /** A frame that arrived after a later one of its source filled its place in time. */
    void reordered(DecodedFrame frame);

    /** Frames {@code fromSeq..toSeq} never arrived within the reorder buffer; the gap policy was applied. */
    void gap(long fromSeq, long toSeq);

    /** The frame arrived after its place had been declared a gap: too late to use. */
    void tooLate(DecodedFrame frame);

    /**
     * The frame's seq is further ahead than its timestamp can account for: dropped, the source's sequence left as
     * it was.
     *
     * @param expectedSeq         the seq the source waits for
     * @param previousTimestampMs the timestamp of the source's newest assembled frame
     */
    void seqJump(DecodedFrame frame, long expectedSeq, long previousTimestampMs);
}
