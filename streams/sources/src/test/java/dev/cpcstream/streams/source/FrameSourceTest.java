package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.SampleEncoding;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FrameSourceTest {

    private static final SourceFormat MONO_1KHZ = new SourceFormat(1000, 1, 64);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final FrameClock CLOCK = new FrameClock(Duration.ofMillis(10), START, 0);

    @Test
    void framesComeRoundRobinInSeqOrderWithCaptureTimestamps() {
        FrameSource source = new FrameSource(List.of(ramp("a", 25), ramp("b", 10)), MONO_1KHZ, CLOCK,
                Long.MAX_VALUE);

        List<Frame> frames = drain(source);

        assertEquals(List.of("a:0", "b:0", "a:1", "a:2"), frames.stream()
                .map(f -> f.getSourceId() + ":" + f.getSeq()).toList());
        assertEquals(START.plusMillis(20), frames.get(3).getTimestamp());
        // The last frame of a source is as long as what is left of it.
        assertEquals(5, samples(frames.get(3)).length);
        assertEquals(20f, samples(frames.get(3))[0]);
    }

    @Test
    void aLoopedRecordingKeepsCountingSeqUpToTheCap() {
        RecordingStream looped = new RecordingStream(recording("a", 15), true);
        FrameSource source = new FrameSource(List.of(looped), MONO_1KHZ, CLOCK, 4);

        List<Frame> frames = drain(source);

        assertEquals(4, frames.size());
        assertEquals(3, frames.get(3).getSeq());
        // Frame 1 holds samples 10..14, then the recording starts again.
        assertEquals(14f, samples(frames.get(1))[4]);
        assertEquals(0f, samples(frames.get(1))[5]);
    }

    @Test
    void aLaterRunContinuesSeqAndTime() {
        FrameClock continued = new FrameClock(Duration.ofMillis(10), START, 100);
        FrameSource source = new FrameSource(List.of(ramp("a", 30)), MONO_1KHZ, continued, 2);

        List<Frame> frames = drain(source);

        assertEquals(List.of(100L, 101L), frames.stream().map(Frame::getSeq).toList());
        assertEquals(START.plusMillis(10), frames.get(1).getTimestamp());
    }

    @Test
    void framesCarryTheModelFormatAndTheStreamsEncoding() {
        FrameSource source = new FrameSource(List.of(ramp("a", 10)), MONO_1KHZ, CLOCK, Long.MAX_VALUE);

        Frame frame = source.next().orElseThrow();

        assertEquals(1000, frame.getSampleRate());
        assertEquals(1, frame.getChannels());
        assertEquals(SampleEncoding.FLOAT32_LE, frame.getEncoding());
        assertEquals(10 * Float.BYTES, frame.getData().remaining());
    }

    private static RecordingStream ramp(String id, int steps) {
        return new RecordingStream(recording(id, steps), false);
    }

    private static Recording recording(String id, int steps) {
        float[] samples = new float[steps];
        for (int t = 0; t < steps; t++) {
            samples[t] = t;
        }
        return new Recording(id, 1000, 1, samples, SampleEncoding.FLOAT32_LE);
    }

    private static List<Frame> drain(FrameSource source) {
        List<Frame> frames = new ArrayList<>();
        for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
            frames.add(f.get());
        }
        return frames;
    }

    private static float[] samples(Frame frame) {
        var floats = frame.getData().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] samples = new float[floats.remaining()];
        floats.get(samples);
        return samples;
    }
}
