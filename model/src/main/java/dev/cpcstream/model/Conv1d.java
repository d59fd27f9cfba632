package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.function.Supplier;

import static dev.cpcstream.model.nd4j.Views.rows;

/**
 * A strided 1-D convolution over channels-last frames, computed as {@code q = ceil(k/s)} plain gemms with no
 * im2col copy (kernel k, stride s, padding p).
 *
 * <p>A window's zero-padded input frames are stored {@code [s*R, Cin]}, the same memory as a matrix X
 * {@code [R, s*Cin]} whose row r holds frames r*s .. r*s + s - 1. Output frame t reads padded frames
 * t*s .. t*s + k - 1, that is rows t .. t + q - 1 of X, so
 * <pre>
 *   out[t] = sum_j X[t + j] W_j        W_j [s*Cin, Cout]: taps j*s .. j*s + s - 1 (taps past k are zero)
 * </pre>
 * Stacking the batch's windows one under the other makes each term one gemm over every window. The output has the
 * same R rows per window as X, with frame t at row {@code shift + t}: choosing R and the shift as the next layer's
 * padded frames and padding makes the output that layer's input as it is, with no copy ({@link Encoder}). Rows that
 * hold no frame (the shift, and rows that straddle two windows) are zeroed. The paper's layers all have k = 2s, so a
 * layer is two gemms of {@code [B*R, s*Cin] x [s*Cin, Cout]}. The weight gradient is computed transposed,
 * {@code dO^T X}, the orientation in which gemm runs faster than {@code X^T dO}.
 *
 * <p>The weight parameter is stored {@code [k, Cin, Cout]}: its rows are the blocks' rows, so when k = q*s (every
 * layer of the paper) the gemms read the parameter as it is, with no regrouping copy per pass from PyTorch's
 * {@code [Cout, Cin, k]}. The tests check this against a plain im2col + gemm reference.
 */
final class Conv1d {

    final int inChannels;
    final int outChannels;
    final int kernel;
    final int stride;
    final int padding;
    /** q: the number of shifted gemms, ceil(k/s). */
    final int blocks;

    Conv1d(int inChannels, int outChannels, int kernel, int stride, int padding) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.blocks = (kernel + stride - 1) / stride;
    }

    int outputFrames(long inputFrames) {
        return (int) ((inputFrames + 2L * padding - kernel) / stride + 1);
    }

    /** The least R that fits: Tout frames and the q - 1 rows the last frame's gemm terms read. */
    int minimumRows(long inputFrames) {
        return outputFrames(inputFrames) + blocks - 1;
    }

    /**
     * Writes {@code frames [B, Tin, Cin]} (any view) into {@code padded [B, s*R, Cin]} after p zero frames, zeros
     * after them. Input frames past s*R - p are never read by the convolution and are dropped.
     */
    void pad(INDArray frames, INDArray padded) {
        long kept = Math.min(frames.size(1), padded.size(1) - padding);
        INDArray read = frames.get(NDArrayIndex.all(), NDArrayIndex.interval(0, kept), NDArrayIndex.all());
        padded.get(NDArrayIndex.all(), NDArrayIndex.interval(padding, padding + kept), NDArrayIndex.all()).assign(read);
        zeroOutsideFrames(padded, padding, kept);
    }

    /**
     * The blocks W_j stacked, {@code [q*s*Cin, Cout]}, of {@code weight [k, Cin, Cout]}: the weight itself when k = q*s,
     * else the weight followed by zero taps in the array {@code spare} supplies.
     */
    INDArray blocks(INDArray weight, Supplier<INDArray> spare) {
        INDArray taps = weight.reshape('c', (long) kernel * inChannels, outChannels);
        if (kernel == this.blocks * stride) {
            return taps;
        }
        INDArray blocks = spare.get();
        rows(blocks, 0, taps.size(0)).assign(taps);
        rows(blocks, taps.size(0), blocks.size(0)).assign(0);
        return blocks;
    }

    /** The inverse of {@link #blocks}, for gradients: {@code blocks [q*s*Cin, Cout]} -> {@code weight [k, Cin, Cout]}. */
    void weightFromBlocks(INDArray blocks, INDArray weight) {
        weight.reshape('c', (long) kernel * inChannels, outChannels).assign(rows(blocks, 0, (long) kernel * inChannels));
    }

    /**
     * {@code padded [B, s*R, Cin]} -> {@code out [B, R, Cout]}, frame t of each window at row {@code shift + t}, every
     * other row zero. Needs {@code R >= shift + Tout} and {@code R >= Tout + q - 1}.
     */
    void forward(INDArray blocks, INDArray bias, INDArray padded, INDArray out, int shift, int frames) {
        INDArray x = inputRows(padded);                                             // [B*R, s*Cin]
        INDArray y = out.reshape('c', out.size(0) * out.size(1), outChannels);  // [B*R, Cout]
        long computed = computedRows(y, shift);
        INDArray yComputed = rows(y, shift, shift + computed);
        for (int j = 0; j < this.blocks; j++) {
            Nd4j.gemm(rows(x, j, j + computed), block(blocks, j), yComputed, false, false, 1.0, j == 0 ? 0.0 : 1.0);
        }
        y.addiRowVector(bias);
        zeroOutsideFrames(out, shift, frames);
    }

    /**
     * Writes dW and db into their gradient views and, unless {@code dPadded} is null (the first layer), the gradient
     * of the padded input {@code [B, s*R, Cin]}. {@code dOut [B, R, Cout]} is laid out as {@link #forward}'s output
     * and must be zero on the rows that hold no frame. {@code dBlocks [q, Cout, s*Cin]} is scratch.
     */
    void backward(INDArray blocks, INDArray padded, INDArray dOut, int shift, INDArray dPadded, INDArray dWeight,
                  INDArray dBias, INDArray dBlocks) {
        INDArray x = inputRows(padded);
        INDArray d = dOut.reshape('c', dOut.size(0) * dOut.size(1), outChannels);   // [B*R, Cout]
        long computed = computedRows(d, shift);
        INDArray dComputed = rows(d, shift, shift + computed);
        Gemm.columnSums(d, dBias);
        for (int j = 0; j < this.blocks; j++) {
            // dW_j^T = dO^T X_j: [Cout, B*R] . [B*R, s*Cin]
            Nd4j.gemm(dComputed, rows(x, j, j + computed), dBlocks.slice(j), true, false, 1.0, 0.0);
        }
        // back to the parameter's rows: this transposed copy costs less than computing X_j^T dO directly, which
        // runs well below the gemm rate
        INDArray dw = dWeight.reshape('c', (long) kernel * inChannels, outChannels);
        for (int j = 0; j < this.blocks; j++) {
            long taps = (long) Math.min(stride, kernel - j * stride) * inChannels;
            long first = (long) j * stride * inChannels;
            rows(dw, first, first + taps).assign(dBlocks.slice(j).get(NDArrayIndex.all(), NDArrayIndex.interval(0, taps))
                    .transpose());
        }
        if (dPadded == null) {
            return;
        }
        INDArray dx = inputRows(dPadded);
        if (computed < dx.size(0)) {
            rows(dx, computed, dx.size(0)).assign(0);                     // rows only the shifted gemms reach
        }
        for (int j = 0; j < this.blocks; j++) {
            // dX_j += dO W_j^T: [B*R, Cout] . [Cout, s*Cin]
            Nd4j.gemm(dComputed, block(blocks, j), rows(dx, j, j + computed), false, true, 1.0, j == 0 ? 0.0 : 1.0);
        }
    }

    /** Zeroes the rows of {@code rows [B, R, C]} outside {@code [shift, shift + frames)} in every window. */
    static void zeroOutsideFrames(INDArray rows, long shift, long frames) {
        if (shift > 0) {
            rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, shift), NDArrayIndex.all()).assign(0);
        }
        if (shift + frames < rows.size(1)) {
            rows.get(NDArrayIndex.all(), NDArrayIndex.interval(shift + frames, rows.size(1)), NDArrayIndex.all())
                    .assign(0);
        }
    }

    /**
     * The output rows the gemms compute, from row {@code shift} on: all but the last few of the batch, which hold no
     * frame and whose gemm terms would read past the end of X.
     */
    long computedRows(INDArray rows, int shift) {
        return rows.size(0) - Math.max(shift, this.blocks - 1);
    }

    /** {@code [B, s*R, Cin]} -> X {@code [B*R, s*Cin]}: the same memory. */
    INDArray inputRows(INDArray padded) {
        return padded.reshape('c', padded.size(0) * padded.size(1) / stride, (long) stride * inChannels);
    }

    /** W_j {@code [s*Cin, Cout]}. */
    private INDArray block(INDArray blocks, int j) {
        long size = (long) stride * inChannels;
        return rows(blocks, j * size, (j + 1) * size);
    }
}
