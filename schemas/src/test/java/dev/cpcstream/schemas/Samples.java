package dev.cpcstream.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Realistic records of each type, shared by the tests. */
final class Samples {

    static final Instant CAPTURED = Instant.parse("2026-03-14T09:26:53.589Z");

    private Samples() {
    }

    /** 10 ms of a 440 Hz tone from a 16 kHz microphone, 16-bit PCM. */
    static Frame audioFrame() {
        int samples = 160;
        ByteBuffer pcm = ByteBuffer.allocate(samples * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) Math.round(12_000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0)));
        }
        return Frame.newBuilder()
                .setSourceId("mic-kitchen-01")
                .setSeq(1_234_567L)
                .setTimestamp(CAPTURED)
                .setSampleRate(16_000)
                .setChannels(1)
                .setEncoding(SampleEncoding.PCM_S16LE)
                .setData(pcm.flip())
                .build();
    }

    /** Four readings of a 6-axis IMU (accelerometer and gyroscope) at 100 Hz, float32. */
    static Frame imuFrame() {
        int channels = 6;
        ByteBuffer floats = ByteBuffer.allocate(4 * channels * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < 4; t++) {
            floats.putFloat(0.01f * t).putFloat(-0.02f).putFloat(9.81f)
                    .putFloat(0.5f).putFloat(-0.25f * t).putFloat(0.125f);
        }
        return Frame.newBuilder()
                .setSourceId("imu-arm-7")
                .setSeq(0L)
                .setTimestamp(CAPTURED.plusMillis(40))
                .setSampleRate(100)
                .setChannels(channels)
                .setEncoding(SampleEncoding.FLOAT32_LE)
                .setData(floats.flip())
                .build();
    }

    /** A 256-dimensional context vector with values of both signs and several magnitudes. */
    static Embedding embedding() {
        List<Float> vector = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            vector.add((float) (Math.tanh((i - 128) / 37.0) * Math.pow(10, (i % 5) - 2)));
        }
        return Embedding.newBuilder()
                .setSourceId("mic-kitchen-01")
                .setStartSeq(1_234_440L)
                .setEndSeq(1_234_567L)
                .setTimestamp(CAPTURED)
                .setModelVersion(4_021L)
                .setModelStep(4_000L)
                .setVector(vector)
                .setDimension(vector.size())
                .setPreset("audio-16k")
                .setTrained(true)
                .setPrototype(17)
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setKey(ByteBuffer.wrap("mic-kitchen-01".getBytes()))
                .setValue(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x01, 0x7F, 0x00, (byte) 0xFF}))
                .setTopic("cpcstream.frames")
                .setPartition(3)
                .setOffset(98_765_432_100L)
                .setTimestamp(CAPTURED)
                .setReason(DeadLetterReason.SAMPLE_RATE_MISMATCH)
                .setDetail("Frame has sampleRate 44100 Hz but the model expects 16000 Hz; resample at the source"
                        + " or start a learner with --sample-rate 44100")
                .build();
    }

    /** A record with neither key nor value, as Kafka allows. */
    static DeadLetter deadLetterWithoutKeyOrValue() {
        return DeadLetter.newBuilder(deadLetter()).setKey(null).setValue(null)
                .setReason(DeadLetterReason.UNDECODABLE).setDetail("empty record").build();
    }

    static ModelCheckpoint checkpoint() {
        int queueSize = 8;
        int keyDimension = 4;
        ByteBuffer queueKeySteps = ByteBuffer.allocate(queueSize * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int slot = 0; slot < queueSize; slot++) {
            queueKeySteps.putLong(slot < 5 ? 3_990L + slot : -1L);
        }
        return ModelCheckpoint.newBuilder()
                .setModelVersion(4_021L)
                .setStep(4_000L)
                .setSkippedSteps(3L)
                .setCreatedAt(CAPTURED.plusSeconds(2))
                .setPreset("audio-16k")
                .setConfig(Map.of("context.size", "256", "queue.size", "8", "momentum", "0.999", "tau", "0.07"))
                .setDataType("FLOAT")
                .setParameters(floats(1_000, 0.5f))
                .setKeyEncoder(floats(600, 0.25f))
                .setOptimizerState(floats(2_000, 1e-3f))
                .setQueueKeys(floats(queueSize * keyDimension, -0.125f))
                .setQueuePointer(5)
                .setQueueKeySteps(queueKeySteps.flip())
                .setCarriedStates(Map.of("mic-kitchen-01", floats(256, 0.01f), "imu-arm-7", floats(256, -0.02f)))
                .setCarriedStatesLastSeen(Map.of("mic-kitchen-01", CAPTURED.toEpochMilli(),
                        "imu-arm-7", CAPTURED.toEpochMilli() - 1_000L))
                .setInputOffsets(Map.of("cpcstream.frames-0", 120_001L, "cpcstream.frames-1", 119_874L))
                .build();
    }

    /** {@code count} float32 little-endian values, {@code scale} times a ramp, so no two are alike. */
    private static ByteBuffer floats(int count, float scale) {
        ByteBuffer buffer = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            buffer.putFloat(scale * (i - count / 2f));
        }
        return buffer.flip();
    }
}
