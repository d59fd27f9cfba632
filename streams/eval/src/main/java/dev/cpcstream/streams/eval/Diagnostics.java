package dev.cpcstream.streams.eval;

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
        return new Diagnostics(points.size(), points.get(0).length, positivesName, pairs.size(),
                pairs.isEmpty() ? null : AlignmentUniformity.alignment(pairs), AlignmentUniformity.uniformity(points),
                EffectiveRank.of(points), DimensionSpread.of(points));
    }
}
