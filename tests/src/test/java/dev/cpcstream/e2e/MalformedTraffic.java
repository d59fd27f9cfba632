package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.SampleEncoding;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Good traffic of several sources with every {@link Malformation} mixed in, as many records of each as it names,
 * in send order and all drawn from one seed. Good frames are 10 ms of a noisy tone, mono PCM, seq from 0 and
 * timestamps moving with seq; every {@value #LATE_EVERY}th from seq {@value #LATE_EVERY} on, as many as
 * {@link Malformation#LATE_FRAME} counts, is held back past the reorder buffer. Each other malformed record goes to a random place after every source's first
 * frame and is made from its source's state there: a duplicate repeats a frame already sent on time, a jump leaps
 * from the newest seq sent while keeping its timestamp.
 */
final class MalformedTraffic {

    /** One record to send; {@code malformation} is null for good traffic, {@code key} null for a null key. */
    record Sent(byte[] key, byte[] value, Malformation malformation) {
    }

    static final int STEPS_PER_FRAME = 160;
    private static final long FRAME_MS = 10;
    private static final int LATE_EVERY = 16;
    /** A late frame follows this many later frames and up to three more: past the default reorder buffer of 8. */
    private static final int LATE_BY = 10;
    private static final int HEADER_BYTES = 10;
    /**
     * Over the 512 KiB a record may have, and as large as a producer sends by default (1 MiB with its framing): a
     * dead letter carrying such a value whole would be too large to write.
     */
    private static final int OVERSIZED_MIN = 1_048_400;
    private static final int OVERSIZED_SPREAD = 50;
    /** Over the 256 bytes a sourceId may have, the record still under 512 KiB. */
    private static final int HUGE_SOURCE_ID_MIN = 1_000;
    private static final int HUGE_SOURCE_ID_MAX = 100_000;

    private final CpcConfig model;
    private final Instant start;
    private final List<String> sources;
    private final long framesPerSource;
    private final Random random;
    /** Per source: the bytes of each good frame sent on time so far, oldest first. */
    private final Map<String, List<byte[]>> onTime = new HashMap<>();

    /**
     * @param start           capture time of every source's seq 0: recent, or the embeddings, which keep it, are
     *                        older than the topic's retention and deleted as they are written
     * @param framesPerSource good frames of each source; enough to hold back {@link Malformation#LATE_FRAME}'s
     */
    MalformedTraffic(CpcConfig model, Instant start, int sources, long framesPerSource, long seed) {
        this.model = model;
        this.start = start;
        this.sources = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            this.sources.add("fuzz-" + i);
        }
        this.framesPerSource = framesPerSource;
        this.random = new Random(seed);
        long lateNeeded = (long) Malformation.LATE_FRAME.count() / sources * LATE_EVERY + LATE_BY + 4;
        if (Malformation.LATE_FRAME.count() % sources != 0 || framesPerSource < lateNeeded) {
            throw new IllegalArgumentException("need late frames in equal shares and at least " + lateNeeded
                    + " frames per source");
        }
    }

    /** Good frames sent per source, seq 0 onward (late ones included: their place is zero-filled). */
    Map<String, Long> goodFramesPerSource() {
        Map<String, Long> frames = new LinkedHashMap<>();
        sources.forEach(source -> frames.put(source, framesPerSource));
        return frames;
    }

    /** Every record, good and malformed, in the order to send them (one producer keeps it per partition). */
    List<Sent> generate() {
        List<Sent> good = goodTraffic();
        List<Malformation> bad = new ArrayList<>();
        for (Malformation m : Malformation.values()) {
            if (m != Malformation.LATE_FRAME) {
                bad.addAll(Collections.nCopies(m.count(), m));
            }
        }
        Collections.shuffle(bad, random);
        int[] places = random.ints(bad.size(), sources.size(), good.size()).sorted().toArray();
        List<Sent> out = new ArrayList<>(good.size() + bad.size());
        int next = 0;
        for (int i = 0; i < good.size(); i++) {
            for (; next < places.length && places[next] == i; next++) {
                out.add(malformed(bad.get(next), sources.get(random.nextInt(sources.size()))));
            }
            Sent frame = good.get(i);
            String source = new String(frame.key(), StandardCharsets.UTF_8);
            if (frame.malformation() == null) {
                onTime.computeIfAbsent(source, s -> new ArrayList<>()).add(frame.value());
            }
            out.add(frame);
        }
        return out;
    }

    /** The sources' frames, round-robin, each source's share of the late frames held back. */
    private List<Sent> goodTraffic() {
        List<List<Sent>> perSource = new ArrayList<>();
        for (String source : sources) {
            List<Sent> frames = new ArrayList<>();
            for (long seq = 0; seq < framesPerSource; seq++) {
                frames.add(new Sent(key(source), Codecs.FRAME.encode(pcm(source, seq)), null));
            }
            int late = Malformation.LATE_FRAME.count() / sources.size();
            for (int k = late; k >= 1; k--) {
                int seq = k * LATE_EVERY;
                Sent held = frames.remove(seq);
                frames.add(seq + LATE_BY + random.nextInt(4), new Sent(held.key(), held.value(),
                        Malformation.LATE_FRAME));
            }
            perSource.add(frames);
        }
        List<Sent> interleaved = new ArrayList<>();
        for (int i = 0; i < framesPerSource; i++) {
            for (List<Sent> frames : perSource) {
                interleaved.add(frames.get(i));
            }
        }
        return interleaved;
    }

    private Sent malformed(Malformation m, String goodSource) {
        String source = m == Malformation.HUGE_SOURCE_ID ? hugeSourceId() : goodSource;
        long seq = m == Malformation.HUGE_SOURCE_ID ? 0 : newestSeq(source);
        byte[] goodBytes = Codecs.FRAME.encode(pcm(source, seq));
        byte[] value = switch (m) {
            case RANDOM_BYTES -> randomBytes(random.nextInt(400));
            case TRUNCATED_AVRO -> Arrays.copyOf(goodBytes, random.nextInt(goodBytes.length));
            case WRONG_FINGERPRINT -> withFingerprint(goodBytes, random.nextLong());
            case UNKNOWN_ENCODING -> withEncodingIndex(pcm(source, seq), 2 + random.nextInt(60));
            case EMPTY_DATA -> encode(frame(source, seq, model.sampleRate(), 1, SampleEncoding.PCM_S16LE,
                    new byte[0]));
            case BYTE_COUNT_OFF -> encode(frame(source, seq, model.sampleRate(), 1, SampleEncoding.FLOAT32_LE,
                    randomBytes(STEPS_PER_FRAME * Float.BYTES + 1 + random.nextInt(3))));
            case WRONG_SAMPLE_RATE -> encode(frame(source, seq, pick(8_000, 22_050, 44_100, 48_000, 0, -16_000), 1,
                    SampleEncoding.PCM_S16LE, randomBytes(STEPS_PER_FRAME * Short.BYTES)));
            case WRONG_CHANNELS -> wrongChannels(source, seq);
            case NAN_SAMPLE -> encode(floats(source, seq, Float.NaN));
            case INFINITE_SAMPLE -> encode(floats(source, seq,
                    random.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY));
            case SEQ_JUMP -> encode(jump(source, seq));
            case DUPLICATE_SEQ -> {
                List<byte[]> sent = onTime.get(source);
                yield sent.get(random.nextInt(sent.size()));
            }
            case OVERSIZED -> randomBytes(OVERSIZED_MIN + random.nextInt(OVERSIZED_SPREAD));
            case NULL_KEY, HUGE_SOURCE_ID -> goodBytes;
            case LATE_FRAME -> throw new IllegalArgumentException("late frames are good frames held back");
        };
        return new Sent(m == Malformation.NULL_KEY ? null : key(source), value, m);
    }

    private long newestSeq(String source) {
        List<byte[]> sent = onTime.get(source);
        return Codecs.FRAME.decode(sent.get(sent.size() - 1)).getSeq();
    }

    private Frame pcm(String source, long seq) {
        ByteBuffer data = ByteBuffer.allocate(STEPS_PER_FRAME * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        double hz = 220.0 * (1 + sources.indexOf(source) % 4);
        for (int i = 0; i < STEPS_PER_FRAME; i++) {
            double t = (seq * STEPS_PER_FRAME + i) / (double) model.sampleRate();
            double sample = 0.5 * Math.sin(2 * Math.PI * hz * t) + 0.05 * random.nextGaussian();
            data.putShort((short) Math.round(Math.max(-1, Math.min(1, sample)) * Short.MAX_VALUE));
        }
        return frame(source, seq, model.sampleRate(), 1, SampleEncoding.PCM_S16LE, data.array());
    }

    private Frame floats(String source, long seq, float poison) {
        ByteBuffer data = ByteBuffer.allocate(STEPS_PER_FRAME * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < STEPS_PER_FRAME; i++) {
            data.putFloat((float) (0.1 * random.nextGaussian()));
        }
        data.putFloat(random.nextInt(STEPS_PER_FRAME) * Float.BYTES, poison);
        return frame(source, seq, model.sampleRate(), 1, SampleEncoding.FLOAT32_LE, data.array());
    }

    private byte[] wrongChannels(String source, long seq) {
        int channels = pick(0, 2, 3, 8, -1);
        int bytes = Math.max(channels, 1) * STEPS_PER_FRAME * Short.BYTES;
        return encode(frame(source, seq, model.sampleRate(), channels, SampleEncoding.PCM_S16LE,
                randomBytes(bytes)));
    }

    /** A seq more than a thousand frames ahead, at the newest frame's time. */
    private Frame jump(String source, long seq) {
        long jumped = random.nextInt(10) == 0 ? Long.MAX_VALUE : seq + 1_000 + (random.nextLong() >>> 14);
        Frame frame = pcm(source, jumped);
        frame.setTimestamp(start.plusMillis(seq * FRAME_MS));
        return frame;
    }

    private String hugeSourceId() {
        int length = HUGE_SOURCE_ID_MIN + random.nextInt(HUGE_SOURCE_ID_MAX - HUGE_SOURCE_ID_MIN);
        return "huge-" + "x".repeat(length);
    }

    private static byte[] withFingerprint(byte[] frameBytes, long fingerprint) {
        byte[] copy = frameBytes.clone();
        ByteBuffer.wrap(copy, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint);
        return copy;
    }

    /** The frame as the Frame schema's encoder would write it, but with an encoding index it has no symbol for. */
    private static byte[] withEncodingIndex(Frame frame, int index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Codecs.FRAME.encode(frame), 0, HEADER_BYTES);
        BinaryEncoder body = EncoderFactory.get().binaryEncoder(out, null);
        try {
            body.writeString(frame.getSourceId());
            body.writeLong(frame.getSeq());
            body.writeLong(frame.getTimestamp().toEpochMilli());
            body.writeInt(frame.getSampleRate());
            body.writeInt(frame.getChannels());
            body.writeEnum(index);
            body.writeBytes(frame.getData().duplicate());
            body.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Frame frame(String source, long seq, int sampleRate, int channels, SampleEncoding encoding,
                        byte[] data) {
        return Frame.newBuilder()
                .setSourceId(source)
                .setSeq(seq)
                .setTimestamp(start.plusMillis(seq * FRAME_MS))
                .setSampleRate(sampleRate)
                .setChannels(channels)
                .setEncoding(encoding)
                .setData(ByteBuffer.wrap(data))
                .build();
    }

    private static byte[] encode(Frame frame) {
        return Codecs.FRAME.encode(frame);
    }

    private static byte[] key(String source) {
        return source.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private int pick(int... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
