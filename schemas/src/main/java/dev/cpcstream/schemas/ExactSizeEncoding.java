package dev.cpcstream.schemas;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an encoding into an array of exactly its size: a first pass only counts the bytes (copying none), the
 * second writes them once. For records of tens of megabytes (a {@code paper} checkpoint) a growing buffer would hold
 * the old and the doubled array at once and then copy the result out, about three times the record on the heap.
 */
final class ExactSizeEncoding {

    /** Writes the same bytes each time it is called. */
    @FunctionalInterface
    interface Encoding {
        void writeTo(OutputStream out) throws IOException;
    }

    private ExactSizeEncoding() {
    }

    static byte[] encode(Encoding encoding) throws IOException {
        ByteCount count = new ByteCount();
        encoding.writeTo(count);
        if (count.bytes > Integer.MAX_VALUE) {
            throw new IOException("an encoding of " + count.bytes + " bytes does not fit one array");
        }
        FixedArray out = new FixedArray(new byte[(int) count.bytes]);
        encoding.writeTo(out);
        if (out.position != out.array.length) {
            throw new IOException("the second pass wrote " + out.position + " bytes, the first " + out.array.length);
        }
        return out.array;
    }

    private static final class ByteCount extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static final class FixedArray extends OutputStream {
        private final byte[] array;
        private int position;

        FixedArray(byte[] array) {
            this.array = array;
        }

        @Override
        public void write(int b) throws IOException {
            ensureRoom(1);
            array[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureRoom(len);
            System.arraycopy(b, off, array, position, len);
            position += len;
        }

        private void ensureRoom(int len) throws IOException {
            if (len > array.length - position) {
                throw new IOException("the second pass writes more than the " + array.length + " bytes counted");
            }
        }
    }
}
