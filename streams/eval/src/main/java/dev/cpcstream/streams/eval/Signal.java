package dev.cpcstream.streams.eval;

/** A never-ending generated signal: the next {@code steps} time steps, channel-interleaved. */
@FunctionalInterface
interface Signal {

    float[] next(int steps);
}
