package dev.cpcstream.model.nd4j;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Rows of a parameter block as the model holds it: a view at an offset of a longer flat vector, reshaped. Every row
 * range is checked against the element the flat vector's index arithmetic names, including the ranges past the
 * block's first rows that ND4J's own {@code get} loses.
 */
class ViewsTest {

    private static final int ROWS = 12;
    private static final int COLUMNS = 5;

    @Test
    void everyRowRangeOfAnOffsetViewHoldsItsOwnElements() {
        for (long offset : new long[]{0, 7, ROWS * COLUMNS - 1, 3L * ROWS * COLUMNS}) {
            INDArray flat = Nd4j.arange(0, offset + ROWS * COLUMNS + 11).castTo(DataType.FLOAT);
            INDArray block = flat.get(NDArrayIndex.interval(offset, offset + ROWS * COLUMNS)).reshape('c', ROWS, COLUMNS);
            for (int from = 0; from <= ROWS; from++) {
                for (int to = from; to <= ROWS; to++) {
                    INDArray rows = Views.rows(block, from, to);
                    assertArrayEquals(new long[]{to - from, COLUMNS}, rows.shape(), "rows " + from + ".." + to);
                    for (int r = 0; r < to - from; r++) {
                        for (int c = 0; c < COLUMNS; c++) {
                            assertEquals(offset + (long) (from + r) * COLUMNS + c, rows.getDouble(r, c),
                                    "offset " + offset + ", rows " + from + ".." + to + ", element " + r + "," + c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void writesReachTheParent() {
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 200);
        INDArray block = flat.get(NDArrayIndex.interval(90, 90 + 3 * 4 * 5)).reshape('c', 3, 4, 5);
        Views.rows(block, 2, 3).assign(1);
        assertEquals(20.0, flat.sumNumber().doubleValue());
        assertEquals(1.0, flat.getDouble(90 + 2 * 20));
        assertEquals(1.0, flat.getDouble(90 + 3 * 20 - 1));
    }

    @Test
    void refusesRangesOutsideTheArray() {
        INDArray m = Nd4j.zeros(DataType.FLOAT, 4, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> Views.rows(m, 2, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> Views.rows(m, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Views.rows(m, 3, 2));
    }
}
