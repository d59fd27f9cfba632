package dev.cpcstream.streams.topology;

/**
 * Key of one frame's samples in the assembler's frames store.
 *
 * @param sourceId the source the frame belongs to
 * @param seq      its seq in that source's stream
 */
record FrameKey(String sourceId, long seq) {
}
