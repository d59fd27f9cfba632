package dev.cpcstream.streams.topology;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The samples inside the windows, which the topology test cannot see through the embeddings, and the size of the
 * state the assembler rewrites per frame. The frames live in a real (in-memory) key-value store with the production
 * serdes, ordered by the same bytes as the persistent one.
 */
class SourceAssemblyTest {

    private static final String SOURCE = "mic-1";

    /** A frames store of its own, as the assembler's task has one. */
    private static KeyValueStore<FrameKey, FrameSamples> framesStore(AssemblyRules rules) {
        KeyValueStore<FrameKey, FrameSamples> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(CpcNames.ASSEMBLER_FRAMES_STORE), new FrameKeySerde(),
                new FrameSamplesSerde(rules)).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    private static SourceFrames frames(AssemblyRules rules) {
        return new SourceFrames(framesStore(rules), SOURCE);
    }

    /** Records what the assembly reports, as short strings in order. */
    private static final class Recorder implements AssemblyListener {
        final List<AssembledWindow> windows = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void window(AssembledWindow window) {
            windows.add(window);
            events.add("window " + window.startSeq() + ".." + window.endSeq());
        }

        @Override
        public void duplicate(DecodedFrame frame) {
            events.add("duplicate " + frame.seq());
        }

        @Override
        public void reordered(DecodedFrame frame) {
            events.add("reordered " + frame.seq());
        }

        @Override
        public void gap(long fromSeq, long toSeq) {
            events.add("gap " + fromSeq + ".." + toSeq);
        }

        @Override
        public void tooLate(DecodedFrame frame) {
            events.add("too late " + frame.seq());
        }

        @Override
        public void seqJump(DecodedFrame frame, long expectedSeq, long previousTimestampMs) {
            events.add("seq jump " + frame.seq() + " at " + frame.timestampMs() + " after " + previousTimestampMs
                    + ", expected " + expectedSeq);
        }
    }

    /** A frame of {@code length} samples per channel: channel c, sample i holds (c == 0 ? 1 : -1) * (10 seq + i + 1). */
    private static DecodedFrame frame(long seq, int channels, int length) {
        float[] samples = new float[channels * length];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < length; i++) {
                samples[c * length + i] = (c == 0 ? 1 : -1) * (10 * seq + i + 1);
            }
        }
        return new DecodedFrame(seq, 1000 * seq, length, samples);
    }

    @Test
    void windowsAreChannelMajorAndHopAcrossFrames() {
        AssemblyRules rules = new AssemblyRules(2, 4, 2, 0, GapPolicy.ZERO_FILL, 2);
        SourceAssembly assembly = new SourceAssembly(rules);
        SourceFrames frames = frames(rules);
        Recorder out = new Recorder();

        assembly.offer(frame(0, 2, 3), frames, out);
        assembly.offer(frame(1, 2, 3), frames, out);

        assertEquals(List.of("window 0..1", "window 0..1"), out.events);
        assertArrayEquals(new float[]{1, 2, 3, 11, -1, -2, -3, -11}, out.windows.get(0).samples());
        assertArrayEquals(new float[]{3, 11, 12, 13, -3, -11, -12, -13}, out.windows.get(1).samples());
        assertEquals(1000, out.windows.get(1).timestampMs(), "the timestamp of the window's last frame");
    }

    @Test
    void zeroFillPutsSilenceWhereTheMissingFrameWas() {
        AssemblyRules rules = new AssemblyRules(1, 4, 4, 0, GapPolicy.ZERO_FILL, 2);
        SourceAssembly assembly = new SourceAssembly(rules);
        SourceFrames frames = frames(rules);
        Recorder out = new Recorder();

        for (long seq : new long[]{0, 2, 3}) {
            assembly.offer(frame(seq, 1, 2), frames, out);
        }

        assertEquals(List.of("gap 1..1", "window 0..1", "window 2..3"), out.events);
        assertArrayEquals(new float[]{1, 2, 0, 0}, out.windows.get(0).samples());
        assertEquals(1000, out.windows.get(0).timestampMs(), "interpolated between the frames around the gap");
        assertArrayEquals(new float[]{21, 22, 31, 32}, out.windows.get(1).samples());
    }

    @Test
    void aGapLongerThanAWindowRestartsEvenWhenZeroFilling() {
        AssemblyRules rules = new AssemblyRules(1, 4, 4, 0, GapPolicy.ZERO_FILL, 2);
        SourceAssembly assembly = new SourceAssembly(rules);
        SourceFrames frames = frames(rules);
        Recorder out = new Recorder();

        for (long seq : new long[]{0, 5, 6}) {
            assembly.offer(frame(seq, 1, 2), frames, out);
        }

        assertEquals(List.of("gap 1..4", "window 5..6"), out.events);
        assertArrayEquals(new float[]{51, 52, 61, 62}, out.windows.get(0).samples());
    }

    @Test
    void anOldGapsLateFrameIsADuplicateButARecentOnesIsTooLate() {
        AssemblyRules rules = new AssemblyRules(1, 4, 4, 0, GapPolicy.RESTART, 2);
        SourceAssembly assembly = new SourceAssembly(rules);
        SourceFrames frames = frames(rules);
        Recorder out = new Recorder();

        for (long seq : new long[]{0, 2, 1, 2, 3}) {
            assembly.offer(frame(seq, 1, 2), frames, out);
        }

        assertEquals(List.of("gap 1..1", "too late 1", "duplicate 2", "window 2..3"), out.events);
    }

    @Test
    void aJumpPastAWindowMustBeBackedByTheClock() {
        AssemblyRules rules = new AssemblyRules(1, 4, 4, 0, GapPolicy.RESTART, 2);
        SourceAssembly assembly = new SourceAssembly(rules);
        SourceFrames frames = frames(rules);
        Recorder out = new Recorder();

        assembly.offer(frame(0, 1, 2), frames, out);
        // frames of 2 samples at 2 Hz last 1000 ms; skipping seqs 1..3, more than a window, must be backed by
        // half of the 4000 ms from seq 0's start to seq 4's
        assembly.offer(new DecodedFrame(4, 1999, 2, new float[2]), frames, out);
        assembly.offer(new DecodedFrame(Long.MAX_VALUE, 1000, 2, new float[2]), frames, out);
        assembly.offer(frame(1, 1, 2), frames, out);
        assembly.offer(new DecodedFrame(5, 3000, 2, new float[2]), frames, out);
        assembly.offer(frame(6, 1, 2), frames, out);

        assertEquals(List.of("seq jump 4 at 1999 after 0, expected 1",
                "seq jump 9223372036854775807 at 1000 after 0, expected 1", "window 0..1", "gap 2..4",
                "window 5..6"), out.events);
    }

    @Test
    void theStoredStateResumesExactlyWhereItStopped() {
        AssemblyRules rules = new AssemblyRules(2, 4, 2, 2, GapPolicy.ZERO_FILL, 2);
        SourceAssemblySerde serde = new SourceAssemblySerde(rules);
        long[] seqs = {0, 2, 5, 1, 3, 4, 7, 8, 9};
        SourceAssembly uninterrupted = new SourceAssembly(rules);
        SourceFrames uninterruptedFrames = frames(rules);
        Recorder expected = new Recorder();
        for (long seq : seqs) {
            uninterrupted.offer(frame(seq, 2, 3), uninterruptedFrames, expected);
        }

        Recorder actual = new Recorder();
        SourceFrames restoredFrames = frames(rules);
        byte[] stored = serde.serializer().serialize("changelog", new SourceAssembly(rules));
        for (long seq : seqs) {
            SourceAssembly restored = serde.deserializer().deserialize("changelog", stored);
            restored.offer(frame(seq, 2, 3), restoredFrames, actual);
            stored = serde.serializer().serialize("changelog", restored);
        }

        assertEquals(expected.events, actual.events);
        assertEquals(List.of("reordered 1", "window 0..1", "window 0..1", "window 1..2", "reordered 3",
                "window 2..3", "window 2..3", "reordered 4", "window 3..4", "window 4..5", "window 4..5",
                "gap 6..6", "window 5..6", "window 6..7", "window 6..7", "window 7..8", "window 8..9",
                "window 8..9"),
                expected.events);
        for (int i = 0; i < expected.windows.size(); i++) {
            assertArrayEquals(expected.windows.get(i).samples(), actual.windows.get(i).samples());
        }
    }

    @Test
    void theStateRewrittenPerFrameDoesNotGrowAsTheWindowFills() {
        AssemblyRules rules = new AssemblyRules(2, 64, 64, 8, GapPolicy.ZERO_FILL, 16);
        SourceAssemblySerde serde = new SourceAssemblySerde(rules);
        KeyValueStore<FrameKey, FrameSamples> store = framesStore(rules);
        SourceFrames frames = new SourceFrames(store, SOURCE);
        SourceAssembly assembly = new SourceAssembly(rules);
        Recorder out = new Recorder();
        List<Integer> stateBytes = new ArrayList<>();

        for (long seq = 0; seq < 63; seq++) {
            assembly.offer(frame(seq, 2, 1), frames, out);
            stateBytes.add(serde.serializer().serialize("changelog", assembly).length);
        }

        assertEquals(List.of(), out.events, "63 of the window's 64 samples: no window yet");
        assertEquals(List.of(stateBytes.get(0)), stateBytes.stream().distinct().toList(),
                "the state rewritten with every frame has the same size at every fill");
        assertEquals(63, count(store), "each frame written once, under its own key");

        assembly.offer(frame(63, 2, 1), frames, out);
        assertEquals(List.of("window 0..63"), out.events);
        assertEquals(0, count(store), "frames the hop passed are deleted");
    }

    @Test
    void aSourcesFramesAreOneRangeWhateverTheOtherSourcesAreCalled() {
        AssemblyRules rules = new AssemblyRules(1, 2, 2, 0, GapPolicy.ZERO_FILL, 2);
        KeyValueStore<FrameKey, FrameSamples> store = framesStore(rules);
        // "a" is a prefix of "ab", and seq -1 sorts after Long.MAX_VALUE unless the sign bit is flipped
        store.put(new FrameKey("ab", 0), FrameSamples.silence(0, 1));
        store.put(new FrameKey("a", -1), FrameSamples.silence(-1, 1));
        store.put(new FrameKey("a", 0), FrameSamples.silence(0, 1));
        store.put(new FrameKey("a", Long.MAX_VALUE), FrameSamples.silence(9, 1));

        assertEquals(List.of(-1L, 0L), new SourceFrames(store, "a").read(-1, 0).stream()
                .map(FrameSamples::timestampMs).toList());
        assertEquals(1, new SourceFrames(store, "ab").read(0, 0).size());
    }

    private static int count(KeyValueStore<FrameKey, FrameSamples> store) {
        int count = 0;
        try (KeyValueIterator<FrameKey, FrameSamples> all = store.all()) {
            for (; all.hasNext(); all.next()) {
                count++;
            }
        }
        return count;
    }
}
