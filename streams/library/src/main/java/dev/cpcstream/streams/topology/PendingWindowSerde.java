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

/** The pending-windows store's value format: a version byte, then the window's fields in declaration order. */
final class PendingWindowSerde implements Serde<PendingWindow> {

    private static final byte FORMAT_VERSION = 1;

    @Override
    public Serializer<PendingWindow> serializer() {
        return (topic, window) -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT_VERSION);
                out.writeUTF(window.sourceId());
                out.writeLong(window.startSeq());
                out.writeLong(window.endSeq());
                out.writeLong(window.timestampMs());
                FloatArrays.write(out, window.samples());
                out.writeUTF(window.inputPartition());
                out.writeLong(window.nextOffset());
            } catch (IOException e) {
                throw new SerializationException("cannot write a pending window for " + topic, e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<PendingWindow> deserializer() {
        return (topic, data) -> {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte version = in.readByte();
                if (version != FORMAT_VERSION) {
                    throw new SerializationException("pending window format " + version + " is not " + FORMAT_VERSION
                            + ": written by another cpcstream version; drain it with that version first");
                }
                return new PendingWindow(in.readUTF(), in.readLong(), in.readLong(), in.readLong(),
                        FloatArrays.read(in), in.readUTF(), in.readLong());
            } catch (IOException e) {
                throw new SerializationException("corrupt pending window in " + topic, e);
            }
        };
    }
}
