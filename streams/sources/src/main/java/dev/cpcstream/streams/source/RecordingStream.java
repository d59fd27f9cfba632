package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.SampleEncoding;

import java.util.Arrays;

/** Plays a {@link Recording} once, or over and over when looping (the source's seq keeps counting up). */
public final class RecordingStream implements SampleStream {

    private final Recording recording;
    private final boolean loop;
    /** Index into the interleaved samples of the next time step. */
    private int position;

    public RecordingStream(Recording recording, boolean loop) {
        if (loop && recording.steps() == 0) {
            throw new IllegalArgumentException(recording.sourceId() + " is empty and cannot be looped");
        }
        this.recording = recording;
        this.loop = loop;
    }

    @Override
    public String sourceId() {
        return recording.sourceId();
    }

    @Override
    public SampleEncoding encoding() {
        return recording.encoding();
    }

    @Override
    public float[] read(int steps) {
        float[] all = recording.samples();
        int wanted = steps * recording.channels();
        if (!loop) {
            int end = Math.min(all.length, position + wanted);
            float[] chunk = Arrays.copyOfRange(all, position, end);
            position = end;
            return chunk;
        }
        float[] chunk = new float[wanted];
        for (int filled = 0; filled < wanted; ) {
            int n = Math.min(wanted - filled, all.length - position);
            System.arraycopy(all, position, chunk, filled, n);
            filled += n;
            position = (position + n) % all.length;
        }
        return chunk;
    }
}
