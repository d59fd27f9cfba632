package dev.cpcstream.model.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row-by-row operations on {@code [R, C]} matrices, each one libnd4j op:
 * <ul>
 *   <li>a matrix combined with a column vector into a new array goes through the broadcasting custom ops, because
 *   {@code INDArray.mulColumnVector}, a legacy broadcast along dimension 0, is slow there (in place,
 *   {@code muliColumnVector}, or along rows, the legacy ops are as fast, and are used as they are);</li>
 *   <li>row dot products are one reduction, where {@code a.mul(b).sum(1)} would write the whole product first.</li>
 * </ul>
 */
public final class RowWise {

    private RowWise() {
    }

    /** {@code m [R, C]} with row i scaled by {@code column[i]} ({@code [R, 1]}), as a new array. */
    public static INDArray scaled(INDArray m, INDArray column) {
        return intoNew(new MulOp(new INDArray[]{m, column}, new INDArray[]{like(m)}));
    }

    /** {@code m [R, C]} with {@code column[i]} ({@code [R, 1]}) subtracted from row i, as a new array. */
    public static INDArray minus(INDArray m, INDArray column) {
        return intoNew(new SubOp(new INDArray[]{m, column}, new INDArray[]{like(m)}));
    }

    /** {@code [R, 1]}: the dot product of each row of {@code a} with the same row of {@code b}. */
    public static INDArray dots(INDArray a, INDArray b) {
        return Nd4j.getExecutioner().exec(new Dot(a, b, 1)).reshape(a.size(0), 1);
    }

    private static INDArray like(INDArray m) {
        return Nd4j.createUninitialized(m.dataType(), m.shape());
    }

    private static INDArray intoNew(DynamicCustomOp op) {
        return Nd4j.exec(op)[0];
    }
}
