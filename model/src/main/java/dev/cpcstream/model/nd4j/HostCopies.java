package dev.cpcstream.model.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies between Java {@code double[]} (the GRU's per-step state, see {@link ContextModel}) and ND4J arrays of
 * either floating type, element by element through the off-heap buffer's NIO view: ND4J's own copies
 * ({@code setData(double[])}, {@code asDouble()}, {@code toDoubleVector}) convert through slower paths.
 */
public final class HostCopies {

    private HostCopies() {
    }

    /** All of {@code a}'s elements in row-major order, as a new array. */
    public static double[] values(INDArray a) {
        double[] out = new double[(int) a.length()];
        read(a, out);
        return out;
    }

    /** Writes {@code a}'s elements in row-major order into {@code out}, from index 0. */
    public static void read(INDArray a, double[] out) {
        INDArray dense = dense(a);
        int n = (int) dense.length();
        ByteBuffer bytes = bytes(dense);
        if (dense.dataType() == DataType.FLOAT) {
            for (int i = 0; i < n; i++) {
                out[i] = bytes.getFloat(i * Float.BYTES);
            }
        } else {
            bytes.asDoubleBuffer().get(out, 0, n);
        }
    }

    /** A new {@code shape} array of {@code type} holding {@code values} in row-major order. */
    public static INDArray matrix(double[] values, DataType type, long... shape) {
        INDArray a = Nd4j.createUninitialized(type, shape);
        write(values, 0, a);
        return a;
    }

    /** Writes {@code values[from, from + a.length())} into {@code a}, which must own its buffer in c order. */
    public static void write(double[] values, int from, INDArray a) {
        if (a.isView() || a.ordering() != 'c') {
            throw new IllegalArgumentException("HostCopies writes only into arrays that own their buffer in c order");
        }
        int n = (int) a.length();
        ByteBuffer bytes = bytes(a);
        if (a.dataType() == DataType.FLOAT) {
            for (int i = 0; i < n; i++) {
                bytes.putFloat(i * Float.BYTES, (float) values[from + i]);
            }
        } else {
            bytes.asDoubleBuffer().put(values, from, n);
        }
    }

    private static INDArray dense(INDArray a) {
        boolean plain = !a.isView() && a.ordering() == 'c';
        return plain ? a : a.dup('c');
    }

    private static ByteBuffer bytes(INDArray a) {
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("HostCopies handles FLOAT and DOUBLE arrays, not " + a.dataType());
        }
        return a.data().asNio().order(ByteOrder.nativeOrder());
    }
}
