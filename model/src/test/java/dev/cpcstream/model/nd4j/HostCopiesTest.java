package dev.cpcstream.model.nd4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The NIO copies against ND4J's own element access, in both float types, inside a step's workspace. */
class HostCopiesTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void copiesMatchNd4jElementAccess(DataType type) {
        try (MemoryWorkspace ignored = StepWorkspace.activate("host-copies-test")) {
            INDArray a = Nd4j.linspace(-3.25, 7.5, 5 * 7, type).reshape(5, 7);
            assertArrayEquals(a.ravel().toDoubleVector(), HostCopies.values(a));
            // a strided view: every other column of rows 1..3
            INDArray view = a.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(0, 2, 7));
            assertArrayEquals(view.dup('c').ravel().toDoubleVector(), HostCopies.values(view));

            double[] values = {9, 1.5, -2.25, 4, 8, 16, 0.125, -1};
            INDArray target = HostCopies.matrix(values, type, 2, 4);
            assertArrayEquals(values, target.ravel().toDoubleVector());
            INDArray shorter = Nd4j.create(type, 3);
            HostCopies.write(values, 4, shorter);
            assertArrayEquals(new double[]{8, 16, 0.125}, shorter.toDoubleVector());
        }
    }

    @Test
    void refusesToWriteIntoAView() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> HostCopies.write(new double[16], 0, a.getRow(1)));
    }
}
