package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.SampleEncoding;

/** One source's signal, read front to back as interleaved samples (s0c0, s0c1, ..., s1c0, ...) in [-1, 1]. */
public interface SampleStream {

    /** The Frame.sourceId its frames carry. */
    String sourceId();

    /**
     * The next {@code steps} time steps, {@code steps * channels} floats; fewer only where the signal ends, and none
     * once it has ended.
     */
    float[] read(int steps);

    /** How its samples go on the wire: the recording's own format, so nothing is lost or inflated. */
    SampleEncoding encoding();
}
