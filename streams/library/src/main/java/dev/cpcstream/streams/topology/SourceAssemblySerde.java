package dev.cpcstream.streams.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The assembler store's value format: a version byte, then the sequencing state (expected seq, held frames, recent
 * gaps) and the cutter's buffered samples and segments. Internal to the topology; only its changelog sees it.
 */
final class SourceAssemblySerde implements Serde<SourceAssembly> {

    private static final byte FORMAT_VERSION = 1;

    private final AssemblyRules rules;

    SourceAssemblySerde(AssemblyRules rules) {
        this.rules = rules;
    }

    @Override
    public Serializer<SourceAssembly> serializer() {
        return (topic, assembly) -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                write(assembly, out);
            } catch (IOException e) {
                throw new SerializationException("cannot write the assembly state for " + topic, e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<SourceAssembly> deserializer() {
        return (topic, data) -> {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                return read(in);
            } catch (IOException e) {
                throw new SerializationException("corrupt assembly state in " + topic, e);
            }
        };
    }

    private static void write(SourceAssembly assembly, DataOutputStream out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeBoolean(assembly.started());
        out.writeLong(assembly.expectedSeq());
        out.writeInt(assembly.held().size());
        for (DecodedFrame frame : assembly.held().values()) {
            out.writeLong(frame.seq());
            out.writeLong(frame.timestampMs());
            out.writeInt(frame.length());
            FloatArrays.write(out, frame.samples());
        }
        out.writeInt(assembly.recentGaps().size());
        for (SourceAssembly.SeqRange gap : assembly.recentGaps()) {
            out.writeLong(gap.from());
            out.writeLong(gap.to());
        }
        WindowCutter cutter = assembly.cutter();
        out.writeInt(cutter.lastLength());
        out.writeLong(cutter.lastTimestampMs());
        out.writeInt(cutter.segments().size());
        for (WindowCutter.Segment segment : cutter.segments()) {
            out.writeLong(segment.seq());
            out.writeLong(segment.timestampMs());
            out.writeInt(segment.length());
        }
        out.writeInt(cutter.channels());
        out.writeInt(cutter.buffered());
        for (int c = 0; c < cutter.channels(); c++) {
            FloatArrays.write(out, cutter.bufferedChannel(c));
        }
    }

    private SourceAssembly read(DataInputStream in) throws IOException {
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new SerializationException("assembly state format " + version + " is not " + FORMAT_VERSION
                    + ": written by another cpcstream version; reset the application to rebuild it");
        }
        boolean started = in.readBoolean();
        long expectedSeq = in.readLong();
        NavigableMap<Long, DecodedFrame> held = new TreeMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            DecodedFrame frame = new DecodedFrame(in.readLong(), in.readLong(), in.readInt(), FloatArrays.read(in));
            held.put(frame.seq(), frame);
        }
        Deque<SourceAssembly.SeqRange> recentGaps = new ArrayDeque<>();
        for (int i = in.readInt(); i > 0; i--) {
            recentGaps.addLast(new SourceAssembly.SeqRange(in.readLong(), in.readLong()));
        }
        int lastLength = in.readInt();
        long lastTimestampMs = in.readLong();
        Deque<WindowCutter.Segment> segments = new ArrayDeque<>();
        for (int i = in.readInt(); i > 0; i--) {
            segments.addLast(new WindowCutter.Segment(in.readLong(), in.readLong(), in.readInt()));
        }
        int channels = in.readInt();
        if (channels != rules.channels()) {
            throw new SerializationException("assembly state holds " + channels + " channels but the model takes "
                    + rules.channels() + ": the model changed under a running deployment; reset the application");
        }
        int buffered = in.readInt();
        float[][] buffer = new float[rules.channels()][];
        for (int c = 0; c < rules.channels(); c++) {
            float[] channel = FloatArrays.read(in);
            buffer[c] = Arrays.copyOf(channel, Math.max(rules.window(), channel.length));
        }
        WindowCutter cutter = new WindowCutter(rules, buffer, buffered, segments, lastLength, lastTimestampMs);
        return new SourceAssembly(rules, started, expectedSeq, held, recentGaps, cutter);
    }
}
