package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.Presets;
import dev.cpcstream.monitoring.MetricNames;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.DeadLetter;
import dev.cpcstream.schemas.DeadLetterReason;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.SampleEncoding;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production topology end to end on the tiny preset (640-sample mono windows): frames of 320 samples make
 * one window per two frames, so each embedding's (startSeq, endSeq) shows how the frames were assembled.
 */
class CpcTopologyTest {

    private static final int HALF_WINDOW = 320;
    private static final String MIC = "mic-1";
    /** Kafka's default largest record: the producer's max.request.size and the broker's message.max.bytes. */
    private static final int KAFKA_RECORD_LIMIT = 1024 * 1024;
    private static final String TRAINING_PARTITION = TopologyFixture.TOPICS.trainingWindows() + "-0";

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;

    private TopologyFixture start(StreamSettings settings) {
        return start(Presets.get("tiny"), settings);
    }

    private TopologyFixture start(CpcConfig config, StreamSettings settings) {
        fixture = new TopologyFixture(config, settings, stateDir);
        return fixture;
    }

    /** Batches of one window, so each window is embedded as soon as it is cut; no checkpoints unless asked. */
    private static StreamSettings oneWindowBatches() {
        return StreamSettings.defaults().withBatching(1, 1, true)
                .withCheckpoints(0, Duration.ZERO, Optional.empty(), 1);
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void framesInOrderMakeOneEmbeddingPerWindow() {
        TopologyFixture f = start(oneWindowBatches());

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 2, 3, 4, 5, 6);

        List<TestRecord<String, Embedding>> out = f.readEmbeddings();
        assertWindows(out, 0, 1, 2, 3, 4, 5);
        for (TestRecord<String, Embedding> record : out) {
            Embedding e = record.value();
            assertEquals(MIC, record.key());
            assertEquals(MIC, e.getSourceId());
            assertEquals(f.config.hidden(), e.getDimension());
            assertEquals(f.config.hidden(), e.getVector().size());
            assertTrue(e.getVector().stream().allMatch(Float::isFinite), "finite context");
            assertEquals("tiny", e.getPreset());
            assertTrue(e.getTrained());
            assertNull(e.getPrototype(), "the tiny preset keeps no prototypes");
            // the window's timestamp is its last frame's, and so is the record's
            assertEquals(TopologyFixture.START.plusMillis(20 * e.getEndSeq()), e.getTimestamp());
            assertEquals(e.getTimestamp(), record.getRecordTime());
        }
        // embedding uses the followed weights: the initial ones, then the trainer's first snapshot (taken at once);
        // the next snapshot is due only after ten steps
        assertEquals(0, out.get(0).value().getModelStep(), "the weights the first window was embedded with");
        assertEquals(1, out.get(2).value().getModelStep());
        assertEquals(3, f.trainer.get().progress().steps(), "every window was forwarded to the trainer");
        assertTrue(f.readDeadLetters().isEmpty());
        assertTrue(f.readCheckpoints().isEmpty());
        assertEquals(7, f.counter(MetricNames.FRAMES_IN));
        assertEquals(3, f.counter(MetricNames.WINDOWS));
        assertEquals(3, f.counter(MetricNames.EMBEDDINGS_OUT));
        assertEquals(0, f.pendingWindows());
    }

    @Test
    void sourcesAreAssembledIndependently() {
        TopologyFixture f = start(oneWindowBatches());

        f.sendPcm("a", HALF_WINDOW, 10);
        f.sendPcm("b", HALF_WINDOW, 0);
        f.sendPcm("a", HALF_WINDOW, 11);
        f.sendPcm("b", HALF_WINDOW, 1);

        List<TestRecord<String, Embedding>> out = f.readEmbeddings();
        assertEquals(List.of("a", "b"), out.stream().map(TestRecord::key).toList());
        assertWindows(out, 10, 11, 0, 1);
    }

    @Test
    void overlappingWindowsFollowTheHop() {
        TopologyFixture f = start(Presets.get("tiny", Map.of("hop", "320")), oneWindowBatches());

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 2, 3);

        assertWindows(f.readEmbeddings(), 0, 1, 1, 2, 2, 3);
    }

    @Test
    void duplicateFramesAreDroppedAndCounted() {
        TopologyFixture f = start(oneWindowBatches());

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 1, 2, 0, 3);

        assertWindows(f.readEmbeddings(), 0, 1, 2, 3);
        assertEquals(2, f.counter(MetricNames.FRAME_DUPLICATES));
        assertTrue(f.readDeadLetters().isEmpty());
    }

    @Test
    void smallReorderingIsRepairedWithinTheBuffer() {
        TopologyFixture f = start(oneWindowBatches().withSequencing(2, GapPolicy.RESTART, Optional.empty()));

        f.sendPcm(MIC, HALF_WINDOW, 0, 2, 3, 1, 5, 4);

        assertWindows(f.readEmbeddings(), 0, 1, 2, 3, 4, 5);
        assertEquals(2, f.counter(MetricNames.FRAMES_REORDERED));
        assertEquals(0, f.counter(MetricNames.FRAME_GAPS));
    }

    @Test
    void zeroFillKeepsWindowsAlignedAcrossAGap() {
        TopologyFixture f = start(oneWindowBatches().withSequencing(0, GapPolicy.ZERO_FILL, Optional.empty()));

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 2, 4, 5);

        // seq 3 is filled with silence: windows stay (0,1), (2,3), (4,5)
        assertWindows(f.readEmbeddings(), 0, 1, 2, 3, 4, 5);
        assertEquals(1, f.counter(MetricNames.FRAME_GAPS));
    }

    @Test
    void restartDropsThePartialWindowAtAGap() {
        TopologyFixture f = start(oneWindowBatches().withSequencing(0, GapPolicy.RESTART, Optional.empty()));

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 2, 4, 5);

        // frame 2 was the first half of a window whose second half is missing
        assertWindows(f.readEmbeddings(), 0, 1, 4, 5);
        assertEquals(1, f.counter(MetricNames.FRAME_GAPS));
    }

    @Test
    void aFrameLaterThanTheReorderBufferIsDeadLettered() {
        TopologyFixture f = start(oneWindowBatches().withSequencing(1, GapPolicy.RESTART, Optional.empty()));

        f.sendPcm(MIC, HALF_WINDOW, 0, 2, 3, 1, 4, 5);

        // 2 waited for 1; 3 overflowed the buffer, so 1 was declared missing and arrived too late
        assertWindows(f.readEmbeddings(), 2, 3, 4, 5);
        List<TestRecord<byte[], DeadLetter>> letters = f.readDeadLetters();
        assertEquals(1, letters.size());
        assertDeadLetter(letters.get(0), TopologyFixture.key(MIC), Codecs.FRAME.encode(f.pcmFrame(MIC, 1, 320)),
                3, DeadLetterReason.OUT_OF_ORDER);
        assertEquals(1, f.counter(MetricNames.FRAME_GAPS));
    }

    @Test
    void framesThatDoNotFitThePresetAreDeadLetteredWithTheirReason() {
        TopologyFixture f = start(oneWindowBatches()
                .withSequencing(0, GapPolicy.RESTART, Optional.of(SampleEncoding.PCM_S16LE)));
        ByteBuffer pcm = f.pcmFrame(MIC, 0, HALF_WINDOW).getData();
        ByteBuffer stereo = ByteBuffer.allocate(HALF_WINDOW * 4);
        ByteBuffer floats = ByteBuffer.allocate(HALF_WINDOW * 4).order(ByteOrder.LITTLE_ENDIAN);
        List<Frame> bad = List.of(
                TopologyFixture.frame(MIC, 0, 8000, 1, SampleEncoding.PCM_S16LE, pcm.duplicate()),
                TopologyFixture.frame(MIC, 0, 16000, 2, SampleEncoding.PCM_S16LE, stereo),
                TopologyFixture.frame(MIC, 0, 16000, 1, SampleEncoding.FLOAT32_LE, floats),
                TopologyFixture.frame(MIC, 0, 16000, 1, SampleEncoding.PCM_S16LE, ByteBuffer.allocate(HALF_WINDOW + 1)),
                TopologyFixture.frame(MIC, 0, 16000, 1, SampleEncoding.PCM_S16LE, ByteBuffer.allocate(0)));
        List<DeadLetterReason> reasons = List.of(DeadLetterReason.SAMPLE_RATE_MISMATCH,
                DeadLetterReason.CHANNELS_MISMATCH, DeadLetterReason.ENCODING_MISMATCH, DeadLetterReason.BAD_LENGTH,
                DeadLetterReason.BAD_LENGTH);

        List<byte[]> sent = bad.stream().map(f::send).toList();
        f.sendPcm(MIC, HALF_WINDOW, 0, 1);

        List<TestRecord<byte[], DeadLetter>> letters = f.readDeadLetters();
        assertEquals(bad.size(), letters.size());
        for (int i = 0; i < bad.size(); i++) {
            assertDeadLetter(letters.get(i), TopologyFixture.key(MIC), sent.get(i), i, reasons.get(i));
        }
        assertWindows(f.readEmbeddings(), 0, 1);
        assertEquals(2, f.registry.get(MetricNames.DEAD_LETTERS).tag(MetricNames.TAG_REASON, "BAD_LENGTH")
                .counter().count());
    }

    @Test
    void nonFiniteSamplesAreDeadLettered() {
        TopologyFixture f = start(oneWindowBatches());
        ByteBuffer floats = ByteBuffer.allocate(HALF_WINDOW * 4).order(ByteOrder.LITTLE_ENDIAN);
        floats.putFloat(17 * 4, Float.NaN);
        Frame nan = TopologyFixture.frame(MIC, 0, 16000, 1, SampleEncoding.FLOAT32_LE, floats);
        ByteBuffer infinite = ByteBuffer.allocate(HALF_WINDOW * 4).order(ByteOrder.LITTLE_ENDIAN);
        infinite.putFloat(0, Float.POSITIVE_INFINITY);
        Frame inf = TopologyFixture.frame(MIC, 0, 16000, 1, SampleEncoding.FLOAT32_LE, infinite);

        byte[] nanBytes = f.send(nan);
        byte[] infBytes = f.send(inf);

        List<TestRecord<byte[], DeadLetter>> letters = f.readDeadLetters();
        assertEquals(2, letters.size());
        assertDeadLetter(letters.get(0), TopologyFixture.key(MIC), nanBytes, 0,
                DeadLetterReason.NON_FINITE_SAMPLES);
        assertTrue(letters.get(0).value().getDetail().contains("index 17"), letters.get(0).value().getDetail());
        assertDeadLetter(letters.get(1), TopologyFixture.key(MIC), infBytes, 1,
                DeadLetterReason.NON_FINITE_SAMPLES);
        assertTrue(f.readEmbeddings().isEmpty());
    }

    @Test
    void undecodableAndMiskeyedRecordsAreDeadLetteredAndTheStreamGoesOn() {
        TopologyFixture f = start(oneWindowBatches());
        byte[] garbage = {1, 2, 3};
        byte[] wrongKey = TopologyFixture.key("someone-else");
        byte[] frameBytes = Codecs.FRAME.encode(f.pcmFrame(MIC, 0, HALF_WINDOW));

        f.frames.pipeInput(TopologyFixture.key(MIC), garbage);
        f.frames.pipeInput(TopologyFixture.key(MIC), (byte[]) null);
        f.frames.pipeInput(wrongKey, frameBytes);
        f.frames.pipeInput(null, frameBytes);
        f.sendPcm(MIC, HALF_WINDOW, 0, 1);

        List<TestRecord<byte[], DeadLetter>> letters = f.readDeadLetters();
        assertEquals(4, letters.size());
        assertDeadLetter(letters.get(0), TopologyFixture.key(MIC), garbage, 0, DeadLetterReason.UNDECODABLE);
        assertDeadLetter(letters.get(1), TopologyFixture.key(MIC), null, 1, DeadLetterReason.UNDECODABLE);
        assertDeadLetter(letters.get(2), wrongKey, frameBytes, 2, DeadLetterReason.KEY_MISMATCH);
        assertDeadLetter(letters.get(3), null, frameBytes, 3, DeadLetterReason.KEY_MISMATCH);
        assertWindows(f.readEmbeddings(), 0, 1);
    }

    @Test
    void aSeqJumpTheClockDoesNotBackIsDeadLetteredAndTheSourceGoesOn() {
        TopologyFixture f = start(oneWindowBatches().withSequencing(0, GapPolicy.RESTART, Optional.empty()));
        Frame corrupt = f.pcmFrame(MIC, 1_000_000, HALF_WINDOW);
        corrupt.setTimestamp(f.pcmFrame(MIC, 2, HALF_WINDOW).getTimestamp());

        f.sendPcm(MIC, HALF_WINDOW, 0, 1);
        byte[] corruptBytes = f.send(corrupt);
        // a jump its timestamp backs is a gap, and restarts the window
        f.sendPcm(MIC, HALF_WINDOW, 2, 3, 4, 1000, 1001);

        assertWindows(f.readEmbeddings(), 0, 1, 2, 3, 1000, 1001);
        List<TestRecord<byte[], DeadLetter>> letters = f.readDeadLetters();
        assertEquals(1, letters.size());
        assertDeadLetter(letters.get(0), TopologyFixture.key(MIC), corruptBytes, 2, DeadLetterReason.SEQ_JUMP);
        assertEquals(1, f.counter(MetricNames.FRAME_GAPS));
    }

    @Test
    void aRecordOverTheSizeLimitIsDeadLetteredWithoutItsValue() {
        TopologyFixture f = start(oneWindowBatches());
        byte[] key = TopologyFixture.key(MIC);
        byte[] atTheLimit = new byte[FrameDecoder.MAX_RECORD_BYTES - key.length];
        byte[] overTheLimit = new byte[atTheLimit.length + 1];
        Frame longName = f.pcmFrame("m".repeat(FrameDecoder.MAX_SOURCE_ID_BYTES + 1), 0, HALF_WINDOW);

        f.frames.pipeInput(key, atTheLimit);
        f.frames.pipeInput(key, overTheLimit);
        byte[] longNameBytes = f.send(longName);
        f.sendPcm(MIC, HALF_WINDOW, 0, 1);

        List<TestRecord<byte[], DeadLetter>> letters = f.readDeadLetters();
        assertEquals(3, letters.size());
        assertDeadLetter(letters.get(0), key, atTheLimit, 0, DeadLetterReason.UNDECODABLE);
        assertDeadLetter(letters.get(1), key, null, 1, DeadLetterReason.TOO_LARGE);
        assertDeadLetter(letters.get(2), TopologyFixture.key(longName.getSourceId()), longNameBytes, 2,
                DeadLetterReason.TOO_LARGE);
        assertWindows(f.readEmbeddings(), 0, 1);
    }

    @Test
    void aDeadLetterQuotingAHugeKeyStaysUnderKafkasRecordLimit() {
        TopologyFixture f = start(oneWindowBatches());
        byte[] frameBytes = Codecs.FRAME.encode(f.pcmFrame(MIC, 0, HALF_WINDOW));
        // not UTF-8: each byte reads as U+FFFD, three bytes in the detail
        byte[] hugeKey = new byte[FrameDecoder.MAX_RECORD_BYTES - frameBytes.length];
        Arrays.fill(hugeKey, (byte) 0xFF);

        f.frames.pipeInput(hugeKey, frameBytes);

        List<TestRecord<byte[], DeadLetter>> letters = f.readDeadLetters();
        assertEquals(1, letters.size());
        assertDeadLetter(letters.get(0), hugeKey, frameBytes, 0, DeadLetterReason.KEY_MISMATCH);
        assertTrue(Codecs.DEAD_LETTER.encode(letters.get(0).value()).length < KAFKA_RECORD_LIMIT,
                "the detail quotes the key's start only");
    }

    @Test
    void aPartialBatchIsFlushedByTheWallClock() {
        TopologyFixture f = start(oneWindowBatches().withBatching(4, 1, true));

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 2, 3);
        assertTrue(f.readEmbeddings().isEmpty(), "two windows wait for a batch of four");
        assertEquals(2, f.pendingWindows());

        f.tick(f.settings.flushInterval());

        List<TestRecord<String, Embedding>> out = f.readEmbeddings();
        assertWindows(out, 0, 1, 2, 3);
        assertEquals(List.of(0L, 0L), out.stream().map(r -> r.value().getModelStep()).toList(),
                "both windows in one training step, embedded with the weights before it");
        assertEquals(0, f.pendingWindows());
        f.tick(f.settings.flushInterval());
        assertTrue(f.readEmbeddings().isEmpty());
    }

    @Test
    void fullBatchesGoWithoutWaitingAndTheTrainerTrainsOnEveryNth() {
        TopologyFixture f = start(oneWindowBatches().withBatching(2, 2, true));

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

        List<TestRecord<String, Embedding>> out = f.readEmbeddings();
        assertWindows(out, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertTrue(out.stream().allMatch(r -> r.value().getTrained()), "every window goes to the trainer");
        assertEquals(2, f.trainer.get().progress().steps(), "four batches of training windows, every second one");
    }

    @Test
    void embeddingsNameTheirPrototypeOnceTheModelHasPrototypes() {
        // a queue of 64 keys fills with the first trained batch (2 windows of 40 frames), which seeds the prototypes
        CpcConfig config = Presets.get("tiny", Map.of("prototypes", "4", "queueSize", "64"));
        TopologyFixture f = start(config, oneWindowBatches().withBatching(2, 2, true));

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

        List<Integer> prototypes = f.readEmbeddings().stream().map(r -> r.value().getPrototype()).toList();
        assertEquals(6, prototypes.size());
        assertEquals(Arrays.asList(null, null), prototypes.subList(0, 2), "embedded before the queue was full");
        assertTrue(prototypes.subList(2, 6).stream().allMatch(p -> p != null && p >= 0 && p < 4),
                "embedded only (2, 3) and trained on (4, 5) after it: " + prototypes);
    }

    @Test
    void aFrozenModelOnlyEmbeds() {
        TopologyFixture f = start(oneWindowBatches().withBatching(1, 1, false));

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 2, 3);

        List<TestRecord<String, Embedding>> out = f.readEmbeddings();
        assertWindows(out, 0, 1, 2, 3);
        assertTrue(out.stream().noneMatch(r -> r.value().getTrained()));
        assertTrue(out.stream().allMatch(r -> r.value().getModelStep() == 0));
    }

    @Test
    void checkpointsFollowTheStepsAndTheWallClock() {
        TopologyFixture f = start(oneWindowBatches().withCheckpoints(2, Duration.ofSeconds(10), Optional.empty(), 1));

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 2);
        assertTrue(f.readCheckpoints().isEmpty(), "one step is not two");
        f.sendPcm(MIC, HALF_WINDOW, 3);

        List<ModelCheckpoint> atTwoSteps = f.readCheckpoints();
        assertEquals(1, atTwoSteps.size());
        assertEquals(2, atTwoSteps.get(0).getStep());
        assertEquals(Map.of(TRAINING_PARTITION, 2L), atTwoSteps.get(0).getInputOffsets(),
                "the trainer's input is the training-windows topic");
        assertEquals(0, f.uncheckpointedTrainingWindows(), "the checkpoint covers both windows");

        f.sendPcm(MIC, HALF_WINDOW, 4, 5);
        f.tick(Duration.ofSeconds(9));
        assertTrue(f.readCheckpoints().isEmpty(), "one new step, and the interval has not passed");
        f.tick(Duration.ofSeconds(1));

        List<ModelCheckpoint> onTheClock = f.readCheckpoints();
        assertEquals(1, onTheClock.size());
        assertEquals(3, onTheClock.get(0).getStep());
        assertEquals(Map.of(TRAINING_PARTITION, 3L), onTheClock.get(0).getInputOffsets());

        f.tick(Duration.ofSeconds(30));
        assertTrue(f.readCheckpoints().isEmpty(), "nothing new to save");
        CompletableFuture<ModelCheckpoint> requested = f.trainer.get().requestCheckpoint();
        assertFalse(requested.isDone());
        f.tick(f.settings.flushInterval());
        List<ModelCheckpoint> onRequest = f.readCheckpoints();
        assertEquals(List.of(3L), onRequest.stream().map(ModelCheckpoint::getStep).toList(),
                "a requested checkpoint comes at the next tick");
        assertEquals(onRequest.get(0).getModelVersion(), requested.getNow(null).getModelVersion());
        assertWindows(f.readEmbeddings(), 0, 1, 2, 3, 4, 5);
        assertTrue(f.readDeadLetters().isEmpty());
        assertEquals(3, f.counter(MetricNames.CHECKPOINTS));
    }

    @Test
    void checkpointsAreAlsoWrittenToTheDirectory(@TempDir Path checkpointDir) {
        TopologyFixture f = start(oneWindowBatches().withCheckpoints(1, Duration.ZERO, Optional.of(checkpointDir), 2));

        f.sendPcm(MIC, HALF_WINDOW, 0, 1, 2, 3, 4, 5);

        List<ModelCheckpoint> published = f.readCheckpoints();
        assertEquals(List.of(1L, 2L, 3L), published.stream().map(ModelCheckpoint::getStep).toList());
        ModelCheckpoint newest = new CheckpointDirectory(checkpointDir, 2).newest().orElseThrow();
        assertEquals(3, newest.getStep());
        assertEquals(published.get(2).getModelVersion(), newest.getModelVersion());
    }

    private static void assertWindows(List<TestRecord<String, Embedding>> out, long... startEndSeqs) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < startEndSeqs.length; i += 2) {
            expected.add(startEndSeqs[i] + ".." + startEndSeqs[i + 1]);
        }
        List<String> actual = out.stream().map(r -> r.value().getStartSeq() + ".." + r.value().getEndSeq()).toList();
        assertEquals(expected, actual);
    }

    private static void assertDeadLetter(TestRecord<byte[], DeadLetter> record, byte[] key, byte[] value, long offset,
                                         DeadLetterReason reason) {
        DeadLetter letter = record.value();
        assertArrayEquals(key, record.key(), "record key");
        assertEquals(key == null ? null : ByteBuffer.wrap(key), letter.getKey());
        assertEquals(value == null ? null : ByteBuffer.wrap(value), letter.getValue());
        assertEquals(TopologyFixture.TOPICS.frames(), letter.getTopic());
        assertEquals(0, letter.getPartition());
        assertEquals(offset, letter.getOffset());
        assertEquals(reason, letter.getReason(), letter.getDetail());
        assertFalse(letter.getDetail().isBlank());
    }

}
