package dev.cpcstream.streams.topology;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Length-prefixed float arrays in the state stores' binary formats, copied in bulk rather than float by float. */
final class FloatArrays {

    private FloatArrays() {
    }

    static void write(DataOutput out, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
        bytes.asFloatBuffer().put(values);
        out.writeInt(values.length);
        out.write(bytes.array());
    }

    static float[] read(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt() * Float.BYTES];
        in.readFully(bytes);
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return values;
    }
}
