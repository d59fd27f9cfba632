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

/** The frames store's value format: a version byte, the timestamp, the length, then the samples (none for silence). */
final class FrameSamplesSerde implements Serde<FrameSamples> {

    private static final byte FORMAT_VERSION = 1;

    private final AssemblyRules rules;

    FrameSamplesSerde(AssemblyRules rules) {
        this.rules = rules;
    }

    @Override
    public Serializer<FrameSamples> serializer() {
        return (topic, frame) -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + frame.samples().length * Float.BYTES);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT_VERSION);
                out.writeLong(frame.timestampMs());
                out.writeInt(frame.length());
                FloatArrays.write(out, frame.samples());
            } catch (IOException e) {
                throw new SerializationException("cannot write a frame's samples for " + topic, e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<FrameSamples> deserializer() {
        return (topic, data) -> {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte version = in.readByte();
                if (version != FORMAT_VERSION) {
                    throw new SerializationException("frame samples format " + version + " is not " + FORMAT_VERSION
                            + ": written by another cpcstream version; reset the application to rebuild it");
                }
                FrameSamples frame = new FrameSamples(in.readLong(), in.readInt(), FloatArrays.read(in));
                if (!frame.silent() && frame.samples().length != rules.channels() * frame.length()) {
                    throw new SerializationException("a stored frame holds " + frame.samples().length
                            + " samples for " + frame.length() + " steps but the model takes " + rules.channels()
                            + " channels: the model changed under a running deployment; reset the application");
                }
                return frame;
            } catch (IOException e) {
                throw new SerializationException("corrupt frame samples in " + topic, e);
            }
        };
    }
}
