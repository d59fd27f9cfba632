package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.RecordCodec;
import dev.cpcstream.streams.source.FrameClock;
import dev.cpcstream.streams.source.FrameProducer;
import dev.cpcstream.streams.source.FrameSource;
import dev.cpcstream.streams.source.Pacing;
import dev.cpcstream.streams.source.SampleStream;
import dev.cpcstream.streams.source.SourceFormat;
import dev.cpcstream.streams.source.SourceSpec;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The synthetic sources of the CLI, sent to a deployment's frames topic in rounds of whole frames; each round
 * continues every source's signal and seq where the previous round stopped.
 */
final class SyntheticFeed {

    static final Duration FRAME = Duration.ofMillis(10);

    private final SourceFormat format;
    private final List<SampleStream> streams;
    private final int stepsPerFrame;
    private long nextSeq;

    SyntheticFeed(CpcConfig model, int sources) throws IOException {
        this.format = SourceFormat.of(model);
        this.streams = SourceSpec.synthetic(sources).open(format, false, 7);
        this.stepsPerFrame = stepsPerFrame(model);
    }

    /** Sends the next {@code frames} frames of every source; returns frames sent per source. */
    Map<String, Long> send(Deployment deployment, long frames) throws InterruptedException {
        return send(SharedBroker.bootstrapServers(), deployment.topics().frames(), frames);
    }

    /** As {@link #send(Deployment, long)}, in {@code codec}'s wire format. */
    Map<String, Long> send(Deployment deployment, long frames, RecordCodec<Frame> codec) throws InterruptedException {
        return send(SharedBroker.bootstrapServers(), deployment.topics().frames(), frames, Instant.now(), codec);
    }

    /** As {@link #send(Deployment, long)}, to {@code framesTopic} of the cluster at {@code bootstrap}. */
    Map<String, Long> send(String bootstrap, String framesTopic, long frames) throws InterruptedException {
        return send(bootstrap, framesTopic, frames, Instant.now(), Codecs.FRAME);
    }

    /** As {@link #send(Deployment, long)}, the frames stamped as captured from {@code captureStart} on. */
    Map<String, Long> sendCapturedAt(Deployment deployment, long frames, Instant captureStart)
            throws InterruptedException {
        return send(SharedBroker.bootstrapServers(), deployment.topics().frames(), frames, captureStart,
                Codecs.FRAME);
    }

    private Map<String, Long> send(String bootstrap, String framesTopic, long frames, Instant captureStart,
                                   RecordCodec<Frame> codec) throws InterruptedException {
        FrameSource source = new FrameSource(streams, format, new FrameClock(FRAME, captureStart, nextSeq), frames);
        try (FrameProducer producer = new FrameProducer(Map.of("bootstrap.servers", bootstrap), framesTopic,
                codec)) {
            Map<String, Long> sent = producer.run(source, Pacing.unpaced(), Instant.MAX);
            nextSeq += frames;
            return sent;
        }
    }

    int stepsPerFrame() {
        return stepsPerFrame;
    }

    /** Samples per channel in one frame of {@link #FRAME}, as the CLI's sources cut them. */
    static int stepsPerFrame(CpcConfig model) {
        return (int) (model.sampleRate() * FRAME.toMillis() / 1000);
    }
}
