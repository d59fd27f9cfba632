package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.source.FrameClock;
import dev.cpcstream.streams.source.FrameSource;
import dev.cpcstream.streams.source.Pacing;
import dev.cpcstream.streams.source.SampleStream;
import dev.cpcstream.streams.source.SourceFormat;
import dev.cpcstream.streams.source.SourceSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where frames come from and how fast: shared by {@code demo} and {@code produce}. */
final class SourceOptions {

    @Option(names = "--source", defaultValue = "synthetic", paramLabel = "SPEC", converter = SourceSpecConverter.class,
            description = {"synthetic (6 generated sources), synthetic:N, wav:DIR (every .wav under DIR is one "
                    + "source; 16-bit PCM or 32-bit float; other rates are resampled, stereo is mixed to mono) or "
                    + "csv:DIR (every .csv under DIR is one source: a row per time step, a column per channel, "
                    + "sampled at the preset's rate) or events:DIR (the .wav files under DIR as short sounds, one "
                    + "after another in random order with pauses between them, by up to 16 endless sources; seeded "
                    + "by --seed). Default: ${DEFAULT-VALUE}."})
    SourceSpec source;

    @Option(names = "--realtime", description = "Send at the sample rate, as a live device would (--speed 1); "
            + "otherwise as fast as the learner keeps up (demo) or as fast as the broker takes them (produce).")
    boolean realtime;

    @Option(names = "--speed", paramLabel = "X", description = "Send X times faster than the sample rate, e.g. 50 "
            + "replays a minute of signal in 1.2 s (default: unpaced, as for no --realtime).")
    Double speed;

    @Option(names = "--loop", description = "Replay WAV/CSV files until --duration is up; seq keeps counting up.")
    boolean loop;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Wall-clock time to run, e.g. 60s or 2m; without it, until the source ends or Ctrl-C.")
    Duration duration;

    @Option(names = "--frames", paramLabel = "N", description = "Frames per source, then stop; without it, until "
            + "the source ends, --duration is up or Ctrl-C. With --seed, the same N is the same input on every run.")
    Long framesPerSource;

    @Option(names = "--frame-duration", paramLabel = "TIME", converter = DurationConverter.class,
            defaultValue = "10ms", description = "Signal per frame (default: ${DEFAULT-VALUE}: 160 samples at 16 kHz).")
    Duration frameDuration;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic and event sources "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    /** Reads every file now, so a bad one fails before anything else is started. */
    List<SampleStream> streams(SourceFormat format) throws IOException {
        return source.open(format, loop, seed);
    }

    /** Frames of the streams from {@code firstSeq} on, the sources' clock starting now. */
    FrameSource frames(List<SampleStream> streams, SourceFormat format, long firstSeq) {
        return new FrameSource(streams, format, new FrameClock(frameDuration, Instant.now(), firstSeq),
                framesPerSource == null ? Long.MAX_VALUE : framesPerSource);
    }

    /** @throws IllegalArgumentException when --realtime and another --speed are both given, or the speed is bad */
    Pacing pacing() {
        if (realtime && speed != null && speed != 1) {
            throw new IllegalArgumentException("--realtime sends at speed 1, --speed asks for " + speed
                    + ": give one of them");
        }
        return Pacing.atSpeed(realtime ? 1 : speed == null ? 0 : speed);
    }

    Instant deadline(Instant start) {
        return duration == null ? Instant.MAX : start.plus(duration);
    }
}
