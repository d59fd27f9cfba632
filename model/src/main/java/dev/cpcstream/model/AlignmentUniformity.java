package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The two properties of a contrastive representation in Wang and Isola, "Understanding Contrastive Representation
 * Learning through Alignment and Uniformity on the Hypersphere" (ICML 2020), on L2-normalised embeddings f(x):
 * <ul>
 *   <li>alignment {@code E_pos ||f(x) - f(y)||^alpha} with alpha = 2: 0 when positives coincide, 4 when opposite;
 *   <li>uniformity {@code log E exp(-t ||f(x) - f(y)||^2)} with t = 2 over distinct pairs: 0 when every
 *       embedding is the same point, lower the more evenly they cover the sphere (about -4 for many points in
 *       many dimensions).
 * </ul>
 * A zero vector has no direction and stays zero. Computed in the arrays' own precision: pass DOUBLE where the value
 * of a near-collapse matters to the last digits.
 */
public final class AlignmentUniformity {

    private static final double T = 2;
    /** Rows of the pairwise Gram matrix held at once, so a large set never needs its whole {@code [N, N]}. */
    private static final long BLOCK = 1024;

    private AlignmentUniformity() {
    }

    /** @param x {@code [P, D]}, @param y {@code [P, D]}: row i of each is a positive pair, raw (normalised here) */
    public static double alignment(INDArray x, INDArray y) {
        return Transforms.pow(unit(x).subi(unit(y)), 2, false).sum(1).meanNumber().doubleValue();
    }

    /** @param points {@code [N, D]} raw embeddings, N >= 2; every distinct pair counts once: O(N^2 D) */
    public static double uniformity(INDArray points) {
        long n = points.size(0);
        if (n < 2) {
            throw new IllegalArgumentException("uniformity needs at least two points, got " + n);
        }
        INDArray units = unit(points);                                                 // [N, D]
        INDArray squaredNorms = units.mul(units).sum(1).reshape(1, n);                 // [1, N]: 1, or 0 if zero
        double sum = 0;
        for (long from = 0; from < n; from += BLOCK) {
            long to = Math.min(n, from + BLOCK);
            INDArray block = units.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            // ||a - b||^2 = |a|^2 + |b|^2 - 2 a.b, for the block's rows against every row: [b, N]
            INDArray squaredDistances = block.mmul(units.transpose()).muli(-2)
                    .addiRowVector(squaredNorms)
                    .addiColumnVector(squaredNorms.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, to))
                            .reshape(to - from, 1));
            sum += Transforms.exp(squaredDistances.muli(-T), false).sumNumber().doubleValue();
        }
        // the diagonal, each point with itself at distance 0, contributes exp(0) = 1 per point
        return Math.log((sum - n) / ((double) n * (n - 1)));
    }

    /** {@code rows / ||rows||}, as a new array; an all-zero row stays zero. */
    private static INDArray unit(INDArray rows) {
        INDArray norms = rows.norm2(1).reshape(rows.size(0), 1);                        // [R, 1]
        BooleanIndexing.replaceWhere(norms, 1.0, Conditions.equals(0.0));
        return rows.div(norms.castTo(rows.dataType()));
    }
}
