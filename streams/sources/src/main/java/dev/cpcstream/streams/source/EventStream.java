package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.SampleEncoding;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Short sounds one after another, as a microphone in a room hears them: the recordings of a directory in a seeded
 * random order, each followed by a pause of silence of random length, without end. Unlike a looped short file, whose
 * next frames repeat what came a period before, what follows here is another sound, so predicting it takes
 * knowing what sounds occur.
 */
public final class EventStream implements SampleStream {

    static final double MIN_PAUSE_SECONDS = 0.05;
    static final double MAX_PAUSE_SECONDS = 0.5;

    private final String sourceId;
    private final List<Recording> recordings;
    private final SampleEncoding encoding;
    private final int channels;
    private final int minPause;
    private final int maxPause;
    private final SplittableRandom rng;
    private float[] event = new float[0];
    /** Index into {@code event}'s interleaved samples of the next time step. */
    private int position;
    /** Interleaved zeros still to come after the event. */
    private int pauseLeft;

    /** @param recordings in the model's format (one rate, one channel count), at least one */
    public EventStream(String sourceId, List<Recording> recordings, long seed) {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException(sourceId + " has no recordings to play");
        }
        this.sourceId = sourceId;
        this.recordings = recordings;
        this.channels = recordings.get(0).channels();
        boolean oneEncoding = recordings.stream().map(Recording::encoding).distinct().count() == 1;
        // a mix of encodings goes as floats, which hold every one of them exactly
        this.encoding = oneEncoding ? recordings.get(0).encoding() : SampleEncoding.FLOAT32_LE;
        int rate = recordings.get(0).sampleRate();
        this.minPause = (int) Math.round(MIN_PAUSE_SECONDS * rate);
        this.maxPause = (int) Math.round(MAX_PAUSE_SECONDS * rate);
        this.rng = new SplittableRandom(seed);
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public SampleEncoding encoding() {
        return encoding;
    }

    @Override
    public float[] read(int steps) {
        float[] chunk = new float[steps * channels];         // zeros: the pauses need no writing
        for (int filled = 0; filled < chunk.length; ) {
            if (position < event.length) {
                int n = Math.min(chunk.length - filled, event.length - position);
                System.arraycopy(event, position, chunk, filled, n);
                filled += n;
                position += n;
            } else if (pauseLeft > 0) {
                int n = Math.min(chunk.length - filled, pauseLeft);
                filled += n;
                pauseLeft -= n;
            } else {
                event = recordings.get(rng.nextInt(recordings.size())).samples();
                position = 0;
                pauseLeft = (minPause + rng.nextInt(maxPause - minPause + 1)) * channels;
            }
        }
        return chunk;
    }
}
