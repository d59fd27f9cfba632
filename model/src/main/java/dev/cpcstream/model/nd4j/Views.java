package dev.cpcstream.model.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sub-arrays made from the parent's buffer, strides and offset, without {@code INDArray.get}: on an array that is
 * itself a view at a non-zero offset (a parameter block of the flat parameter vector, and its gradient), ND4J's
 * {@code get(interval(from, to), ...)} returns an empty array once the view's offset plus the first requested
 * element's lies past the view's own length, so a layer's later weight blocks vanish in some encoder layouts.
 */
public final class Views {

    private Views() {
    }

    /** Rows {@code [from, to)} of {@code m} along its first dimension, any rank: a view that shares m's memory. */
    public static INDArray rows(INDArray m, long from, long to) {
        if (from < 0 || to > m.size(0) || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of an array of " + m.size(0));
        }
        long[] shape = m.shape().clone();                  // ND4J hands out its own array
        shape[0] = to - from;
        return Nd4j.create(m.data(), shape, m.stride(), m.offset() + from * m.stride(0), m.ordering());
    }
}
