package dev.cpcstream.streams.eval;

import dev.cpcstream.model.AlignmentUniformity;
import dev.cpcstream.model.EffectiveRank;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * The geometry of a set of embeddings: is it collapsing, and are positives close?
 *
 * @param lines         embeddings (lines of the file) measured
 * @param dimension     D
 * @param positives     what counted as a positive pair
 * @param positivePairs how many there were
 * @param alignment     Wang and Isola's alignment over them (alpha = 2, 0..4, lower is closer); null without pairs
 * @param uniformity    Wang and Isola's uniformity (t = 2, lower is more uniform, 0 is total collapse)
 * @param effectiveRank Roy and Vetterli's effective rank of the centred embeddings, 0..D
 * @param spread        each dimension's standard deviation, and how many have collapsed
 */
public record Diagnostics(int lines, int dimension, String positives, int positivePairs, Double alignment,
                          double uniformity, double effectiveRank, DimensionSpread spread) {

    /** @param labelOfFile file to label, when positives share a label; null when they are consecutive windows */
    static Diagnostics of(List<FileVector> vectors, Map<String, String> labelOfFile, String positivesName) {
        if (vectors.size() < 2) {
            throw new IllegalArgumentException("diagnostics need at least two embeddings, got " + vectors.size());
        }
        List<float[]> points = vectors.stream().map(FileVector::vector).toList();
        List<float[][]> pairs = labelOfFile == null ? PositivePairs.consecutive(vectors)
                : PositivePairs.sameLabel(vectors, labelOfFile);
        INDArray matrix = doubles(points);                                             // [N, D]
        Double alignment = pairs.isEmpty() ? null : AlignmentUniformity.alignment(
                doubles(pairs.stream().map(pair -> pair[0]).toList()),
                doubles(pairs.stream().map(pair -> pair[1]).toList()));
        double uniformity = AlignmentUniformity.uniformity(matrix);
        double effectiveRank = EffectiveRank.of(matrix);
        return new Diagnostics(points.size(), points.get(0).length, positivesName, pairs.size(), alignment, uniformity,
                effectiveRank, DimensionSpread.of(points));
    }

    /** {@code [N][D]} -> {@code [N, D]} in double, so a near-collapse keeps its last digits. */
    private static INDArray doubles(List<float[]> rows) {
        return Nd4j.createFromArray(rows.toArray(float[][]::new)).castTo(DataType.DOUBLE);
    }
}
