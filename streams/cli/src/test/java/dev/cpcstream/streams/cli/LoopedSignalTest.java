package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.source.SampleStream;
import dev.cpcstream.streams.source.SourceFormat;
import dev.cpcstream.streams.source.SourceSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LoopedSignalTest {

    private static final SourceFormat SENSOR = new SourceFormat(50, 6, 256);

    @Test
    void playsTheStreamsFirstThirtySecondsOverAndOverWhateverTheReadSizes() throws IOException {
        List<SampleStream> looped = LoopedSignal.of(SourceSpec.synthetic(2).open(SENSOR, false, 7), SENSOR);
        float[] original = SourceSpec.synthetic(2).open(SENSOR, false, 7).get(1).read(30 * 50);

        SampleStream second = looped.get(1);
        float[] played = new float[0];
        for (int steps : new int[]{7, 1000, 1, 2500, 492}) {
            float[] read = second.read(steps);
            assertEquals(steps * 6, read.length);
            played = concat(played, read);
        }
        for (int step = 0; step < 4000; step++) {
            float[] expected = Arrays.copyOfRange(original, step % 1500 * 6, step % 1500 * 6 + 6);
            assertArrayEquals(expected, Arrays.copyOfRange(played, step * 6, step * 6 + 6), "step " + step);
        }
        assertEquals("synthetic-1", second.sourceId());
    }

    @Test
    void manySourcesShareTheBudgetButEachLoopsAtLeastOneWindow() throws IOException {
        SourceFormat audio = new SourceFormat(16000, 1, 10240);
        List<SampleStream> looped = LoopedSignal.of(SourceSpec.synthetic(2000).open(audio, false, 7), audio);
        float[] first = looped.get(0).read(10240);

        assertArrayEquals(first, looped.get(0).read(10240), "one window, then the loop starts again");
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
