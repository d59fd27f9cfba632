package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.SampleEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sounds one after another: whole, in a varying order, apart, without end, and the same for the same seed. */
class EventStreamTest {

    private static final int RATE = 1000;
    private static final SourceFormat FORMAT = new SourceFormat(RATE, 1, 100);

    @TempDir
    Path dir;

    @Test
    void playsWholeSoundsInAVaryingOrderWithSilenceBetweenThem() {
        List<Recording> sounds = List.of(constant("a", 0.25f, 300), constant("b", 0.5f, 120),
                constant("c", 0.75f, 80));
        float[] heard = new EventStream("events-0", sounds, 1).read(100 * RATE);

        List<Float> order = new ArrayList<>();
        boolean afterSound = false;
        for (int t = 0; t < heard.length; ) {
            int end = t;
            while (end < heard.length && heard[end] == heard[t]) {
                end++;
            }
            int length = end - t;
            if (end == heard.length) {
                break;                                          // cut by the chunk's end
            }
            assertTrue(heard[t] == 0 || !afterSound, "a sound followed another without a pause at step " + t);
            afterSound = heard[t] != 0;
            if (heard[t] == 0) {
                assertTrue(length >= EventStream.MIN_PAUSE_SECONDS * RATE
                        && length <= EventStream.MAX_PAUSE_SECONDS * RATE, "a pause of " + length + " steps");
            } else {
                order.add(heard[t]);
                int expected = heard[t] == 0.25f ? 300 : heard[t] == 0.5f ? 120 : 80;
                assertEquals(expected, length, "sound " + heard[t] + " was not played whole");
            }
            t = end;
        }
        for (float value : new float[]{0.25f, 0.5f, 0.75f}) {
            assertTrue(order.stream().filter(v -> v == value).count() > order.size() / 6, "sound " + value
                    + " played too rarely: " + order);
        }
        boolean repeatsOnePattern = true;
        for (int i = 3; i < order.size(); i++) {
            repeatsOnePattern &= order.get(i).equals(order.get(i - 3));
        }
        assertTrue(!repeatsOnePattern, "the sounds came in one fixed cycle: " + order);
    }

    @Test
    void theSameSeedPlaysTheSameStreamAcrossReadsOfAnyLength() {
        List<Recording> sounds = List.of(constant("a", 0.25f, 300), constant("b", 0.5f, 120));
        EventStream inPieces = new EventStream("events-0", sounds, 5);
        float[] pieces = new float[5000];
        for (int filled = 0; filled < pieces.length; filled += 250) {
            System.arraycopy(inPieces.read(250), 0, pieces, filled, 250);
        }

        assertArrayEquals(new EventStream("events-0", sounds, 5).read(5000), pieces);
    }

    @Test
    void anEventsSourceIsUpToSixteenEndlessStreamsOfEveryFileUnderTheDirectory() throws IOException {
        for (int i = 0; i < 20; i++) {
            WavFiles.write16Bit(dir.resolve("sound-" + i + ".wav"), RATE, 1, WavFiles.sine(100 + i, RATE, 200));
        }

        List<SampleStream> streams = SourceSpec.parse("events:" + dir).open(FORMAT, false, 42);

        assertEquals(SourceSpec.EVENT_SOURCES, streams.size());
        assertEquals("events-15", streams.get(15).sourceId());
        assertEquals(SampleEncoding.PCM_S16LE, streams.get(0).encoding());
        assertEquals(100 * RATE, streams.get(0).read(100 * RATE).length, "an event source ran dry");
        assertTrue(!Arrays.equals(streams.get(0).read(5000), streams.get(1).read(5000)),
                "two event sources played the same stream");
    }

    private static Recording constant(String id, float value, int steps) {
        float[] samples = new float[steps];
        Arrays.fill(samples, value);
        return new Recording(id, RATE, 1, samples, SampleEncoding.PCM_S16LE);
    }
}
