package dev.cpcstream.streams.cli;

import dev.cpcstream.schemas.SampleEncoding;
import dev.cpcstream.streams.source.SampleStream;
import dev.cpcstream.streams.source.SourceFormat;

import java.util.List;

/**
 * A stream's first stretch, generated before a benchmark phase and then played in a loop: an unpaced producer that
 * synthesised each sample as it sent it took a core of the two the pipeline is measured on. What the pipeline does
 * with a window does not depend on what the window holds, so a loop measures the same work.
 */
final class LoopedSignal implements SampleStream {

    /** The loops' samples over all sources, at most, so many sources do not hold a long loop each. */
    private static final long BUDGET_FLOATS = 16L << 20;
    private static final int LONGEST_LOOP_SECONDS = 30;

    private final String sourceId;
    private final SampleEncoding encoding;
    private final int channels;
    private final float[] loop;
    private int position;

    private LoopedSignal(SampleStream stream, int channels, float[] loop) {
        this.sourceId = stream.sourceId();
        this.encoding = stream.encoding();
        this.channels = channels;
        this.loop = loop;
    }

    /**
     * Each stream's first {@value #LONGEST_LOOP_SECONDS} s, or less where many sources would outgrow the budget, but
     * at least one window, so that every window the pipeline cuts is a whole one of the signal.
     */
    static List<SampleStream> of(List<SampleStream> streams, SourceFormat format) {
        int channels = format.channels();
        long budgetSteps = BUDGET_FLOATS / ((long) channels * Math.max(1, streams.size()));
        int steps = (int) Math.max(format.window(),
                Math.min((long) LONGEST_LOOP_SECONDS * format.sampleRate(), budgetSteps));
        return streams.stream().<SampleStream>map(stream -> {
            float[] loop = stream.read(steps);
            if (loop.length != steps * channels) {
                throw new IllegalArgumentException("source " + stream.sourceId() + " ended after "
                        + loop.length / channels + " of the " + steps + " time steps a loop needs");
            }
            return new LoopedSignal(stream, channels, loop);
        }).toList();
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public float[] read(int steps) {
        float[] out = new float[steps * channels];
        for (int filled = 0; filled < out.length; ) {
            int n = Math.min(out.length - filled, loop.length - position);
            System.arraycopy(loop, position, out, filled, n);
            filled += n;
            position = (position + n) % loop.length;
        }
        return out;
    }

    @Override
    public SampleEncoding encoding() {
        return encoding;
    }
}
