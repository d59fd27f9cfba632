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
import java.util.Deque;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The assembler store's value format: a version byte, then the sequencing state (expected seq, held frames' seqs,
 * timestamps and lengths, recent gaps) and the cutter's position in the buffered frames. No samples: those are in
 * the frames store, so a value's size does not grow as the window fills. Internal to the topology; only its
 * changelog sees it.
 */
final class SourceAssemblySerde implements Serde<SourceAssembly> {

    private static final byte FORMAT_VERSION = 2;

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
        for (FrameHeader frame : assembly.held().values()) {
            out.writeLong(frame.seq());
            out.writeLong(frame.timestampMs());
            out.writeInt(frame.length());
        }
        out.writeInt(assembly.recentGaps().size());
        for (SourceAssembly.SeqRange gap : assembly.recentGaps()) {
            out.writeLong(gap.from());
            out.writeLong(gap.to());
        }
        WindowCutter cutter = assembly.cutter();
        out.writeLong(cutter.firstSeq());
        out.writeInt(cutter.frames());
        out.writeInt(cutter.headSkip());
        out.writeInt(cutter.buffered());
        out.writeInt(cutter.lastLength());
        out.writeLong(cutter.lastTimestampMs());
    }

    private SourceAssembly read(DataInputStream in) throws IOException {
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new SerializationException("assembly state format " + version + " is not " + FORMAT_VERSION
                    + ": written by another cpcstream version; reset the application to rebuild it");
        }
        boolean started = in.readBoolean();
        long expectedSeq = in.readLong();
        NavigableMap<Long, FrameHeader> held = new TreeMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            FrameHeader frame = new FrameHeader(in.readLong(), in.readLong(), in.readInt());
            held.put(frame.seq(), frame);
        }
        Deque<SourceAssembly.SeqRange> recentGaps = new ArrayDeque<>();
        for (int i = in.readInt(); i > 0; i--) {
            recentGaps.addLast(new SourceAssembly.SeqRange(in.readLong(), in.readLong()));
        }
        long firstSeq = in.readLong();
        int frames = in.readInt();
        int headSkip = in.readInt();
        int buffered = in.readInt();
        int lastLength = in.readInt();
        long lastTimestampMs = in.readLong();
        WindowCutter cutter = new WindowCutter(rules, firstSeq, frames, headSkip, buffered, lastLength,
                lastTimestampMs);
        return new SourceAssembly(rules, started, expectedSeq, held, recentGaps, cutter);
    }
}
