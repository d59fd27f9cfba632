package dev.cpcstream.model.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian raw bytes of arrays, the encoding of every tensor in a checkpoint (bit-exact, no text round trip). */
public final class ArrayBytes {

    private ArrayBytes() {
    }

    public static ByteBuffer of(INDArray array) {
        INDArray flat = array.dup('c');
        ByteBuffer out = ByteBuffer.allocate((int) (flat.length() * flat.dataType().width())).order(ByteOrder.LITTLE_ENDIAN);
        if (flat.dataType() == DataType.DOUBLE) {
            out.asDoubleBuffer().put(flat.data().asDouble());
        } else {
            out.asFloatBuffer().put(flat.data().asFloat());
        }
        return out;
    }

    public static INDArray toArray(ByteBuffer bytes, DataType type, long... shape) {
        ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.DOUBLE) {
            double[] values = new double[in.remaining() / Double.BYTES];
            in.asDoubleBuffer().get(values);
            return Nd4j.create(values, shape, DataType.DOUBLE);
        }
        float[] values = new float[in.remaining() / Float.BYTES];
        in.asFloatBuffer().get(values);
        return Nd4j.create(values, shape, DataType.FLOAT);
    }

    public static ByteBuffer of(float[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.asFloatBuffer().put(values);
        return out;
    }

    public static float[] floats(ByteBuffer bytes) {
        ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[in.remaining() / Float.BYTES];
        in.asFloatBuffer().get(values);
        return values;
    }

    public static ByteBuffer of(long[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.asLongBuffer().put(values);
        return out;
    }

    public static long[] longs(ByteBuffer bytes) {
        ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long[] values = new long[in.remaining() / Long.BYTES];
        in.asLongBuffer().get(values);
        return values;
    }
}
