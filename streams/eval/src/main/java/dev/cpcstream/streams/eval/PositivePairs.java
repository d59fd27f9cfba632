package dev.cpcstream.streams.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which embeddings count as positives of each other for alignment. */
final class PositivePairs {

    private PositivePairs() {
    }

    /** Every pair of lines whose files share a label: what a probe on that label hopes lies close together. */
    static List<float[][]> sameLabel(List<FileVector> vectors, Map<String, String> labelOfFile) {
        Map<String, List<float[]>> byLabel = new LinkedHashMap<>();
        for (FileVector v : vectors) {
            byLabel.computeIfAbsent(labelOfFile.get(v.file()), label -> new ArrayList<>()).add(v.vector());
        }
        List<float[][]> pairs = new ArrayList<>();
        for (List<float[]> members : byLabel.values()) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    pairs.add(new float[][]{members.get(i), members.get(j)});
                }
            }
        }
        return pairs;
    }

    /**
     * Each line with the next line of the same source: consecutive windows of a stream, as {@code tail} writes
     * them, which CPC's predictive task pulls together.
     */
    static List<float[][]> consecutive(List<FileVector> vectors) {
        Map<String, float[]> previous = new LinkedHashMap<>();
        List<float[][]> pairs = new ArrayList<>();
        for (FileVector v : vectors) {
            float[] before = previous.put(v.file(), v.vector());
            if (before != null) {
                pairs.add(new float[][]{before, v.vector()});
            }
        }
        return pairs;
    }
}
