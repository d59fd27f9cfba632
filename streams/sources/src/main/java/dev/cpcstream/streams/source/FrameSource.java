package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts every source's signal into short {@link Frame}s and hands them out in capture order: the first frame of every
 * source, then the second of every source, and so on, as if all sources were recorded side by side. Seq and
 * timestamps follow the {@link FrameClock}; a timestamp is the capture time of the frame's first sample.
 *
 * <p>Not thread-safe: one producer thread drains it.
 */
public final class FrameSource {

    private final List<Track> live;
    private final SourceFormat format;
    private final int stepsPerFrame;
    private final long framesPerSource;
    private final FrameClock clock;
    private int next;

    /** @param framesPerSource the most frames any one source sends ({@code Long.MAX_VALUE}: until its signal ends) */
    public FrameSource(List<SampleStream> streams, SourceFormat format, FrameClock clock, long framesPerSource) {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("a frame source needs at least one stream");
        }
        this.live = new ArrayList<>(streams.stream().map(stream -> new Track(stream, clock.firstSeq())).toList());
        this.format = format;
        this.stepsPerFrame = (int) Math.max(1,
                Math.round(clock.frameDuration().toNanos() * 1e-9 * format.sampleRate()));
        this.framesPerSource = framesPerSource;
        this.clock = clock;
    }

    /** Time steps (samples per channel) in a full frame. */
    public int stepsPerFrame() {
        return stepsPerFrame;
    }

    /** The sources' ids, in the order their frames come. */
    public List<String> sourceIds() {
        return live.stream().map(track -> track.stream.sourceId()).toList();
    }

    /** The next frame in capture order, or empty once every source has ended. */
    public Optional<Frame> next() {
        while (!live.isEmpty()) {
            if (next >= live.size()) {
                next = 0;
            }
            Track track = live.get(next);
            boolean capped = track.seq - clock.firstSeq() >= framesPerSource;
            float[] samples = capped ? new float[0] : track.stream.read(stepsPerFrame);
            if (samples.length == 0) {
                live.remove(next);
                continue;
            }
            next++;
            return Optional.of(frame(track, samples));
        }
        return Optional.empty();
    }

    private Frame frame(Track track, float[] samples) {
        long seq = track.seq++;
        long offsetNanos = Math.round((seq - clock.firstSeq()) * (double) stepsPerFrame * 1e9 / format.sampleRate());
        return Frame.newBuilder()
                .setSourceId(track.stream.sourceId())
                .setSeq(seq)
                .setTimestamp(clock.start().plusNanos(offsetNanos))
                .setSampleRate(format.sampleRate())
                .setChannels(format.channels())
                .setEncoding(track.stream.encoding())
                .setData(SampleEncoder.encode(samples, track.stream.encoding()))
                .build();
    }

    private static final class Track {
        final SampleStream stream;
        long seq;

        Track(SampleStream stream, long firstSeq) {
            this.stream = stream;
            this.seq = firstSeq;
        }
    }
}
