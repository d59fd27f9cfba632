package dev.cpcstream.streams.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The linear probe cross-validated over groups of files, every file labelled train or test alike: the groups (a
 * sentence, a sample and its pitched copies) are dealt into K folds, and each fold is scored by a probe fitted on
 * the other K-1. Every file is scored once, so the accuracy rests on all files rather than one split's test files,
 * and the spread over the folds shows how far one split's score can move. A group never straddles two folds, as the
 * fixed split keeps near-duplicates on one side.
 *
 * @param column         the label column predicted
 * @param groupColumn    the column whose values are kept within one fold
 * @param folds          K
 * @param files          files scored, each once
 * @param classes        every class, sorted; the order of the confusion matrix
 * @param accuracy       fraction of all files whose class is predicted by the probe that did not see them
 * @param macroF1        F1 averaged over the classes with equal weight, from the pooled confusion matrix
 * @param majorityChance accuracy of always answering the most frequent class
 * @param foldAccuracies each fold's accuracy, in fold order
 * @param confusion      {@code [truth][predicted]} over all files
 */
public record CrossValidatedProbe(String column, String groupColumn, int folds, int files, List<String> classes,
                                  double accuracy, double macroF1, double majorityChance, List<Double> foldAccuracies,
                                  int[][] confusion) {

    /** Deals the groups to folds; fixed, so the same files give the same folds and scores. */
    private static final long SEED = 42;

    /**
     * @param column      the label column to predict, or null for the table's first
     * @param groupColumn the column whose equal values stay in one fold
     */
    public static CrossValidatedProbe of(List<FileVector> vectors, LabelTable labels, String column,
                                         String groupColumn, int folds) {
        String chosen = labels.column(column);
        String grouping = labels.column(groupColumn);
        labels.requireRowsFor(vectors.stream().map(FileVector::file).toList());
        Map<String, Integer> foldOfGroup = dealGroups(vectors, labels, chosen, grouping, folds);
        List<ProbeSet.Example> examples = vectors.stream()
                .map(v -> new ProbeSet.Example(v.file(), label(labels, v, chosen), v.vector())).toList();
        List<String> classes = List.copyOf(examples.stream().map(ProbeSet.Example::label)
                .collect(Collectors.toCollection(TreeSet::new)));
        Map<String, Integer> classIndex = IntStream.range(0, classes.size()).boxed()
                .collect(Collectors.toMap(classes::get, Function.identity()));
        int[] foldOfFile = vectors.stream().mapToInt(v -> foldOfGroup.get(label(labels, v, grouping))).toArray();
        int[][] confusion = new int[classes.size()][classes.size()];
        List<Double> foldAccuracies = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            List<ProbeSet.Example> train = new ArrayList<>();
            List<ProbeSet.Example> test = new ArrayList<>();
            for (int f = 0; f < examples.size(); f++) {
                (foldOfFile[f] == fold ? test : train).add(examples.get(f));
            }
            ProbeResult result = new LinearProbe().fit(ProbeSet.of(chosen, train, test));
            foldAccuracies.add(result.accuracy());
            addInto(confusion, classIndex, result);
        }
        return new CrossValidatedProbe(chosen, grouping, folds, vectors.size(), classes, accuracy(confusion),
                macroF1(confusion), majorityShare(confusion), List.copyOf(foldAccuracies), confusion);
    }

    private static String label(LabelTable labels, FileVector v, String column) {
        return labels.rows().get(v.file()).labels().get(column);
    }

    /**
     * Group value to fold: the groups in a seeded random order, then ordered by their class (of their files'
     * classes, the first in sorted order), and dealt round-robin, so that the groups of one class spread over the
     * folds and each fold's probe is fitted on every class that has more than one group.
     */
    private static Map<String, Integer> dealGroups(List<FileVector> vectors, LabelTable labels, String column,
                                                   String grouping, int folds) {
        Map<String, String> classOfGroup = new TreeMap<>();
        vectors.forEach(v -> classOfGroup.merge(label(labels, v, grouping), label(labels, v, column),
                (a, b) -> a.compareTo(b) <= 0 ? a : b));
        if (folds < 2 || classOfGroup.size() < folds) {
            throw new IllegalArgumentException("cannot deal " + classOfGroup.size() + " values of '" + grouping
                    + "' into " + folds + " folds; use 2 to " + classOfGroup.size() + " folds");
        }
        List<String> groups = new ArrayList<>(classOfGroup.keySet());
        Collections.shuffle(groups, new Random(SEED));
        groups.sort(Comparator.comparing(classOfGroup::get));
        return IntStream.range(0, groups.size()).boxed()
                .collect(Collectors.toMap(groups::get, i -> i % folds));
    }

    private static void addInto(int[][] confusion, Map<String, Integer> classIndex, ProbeResult fold) {
        for (int t = 0; t < fold.classes().size(); t++) {
            for (int p = 0; p < fold.classes().size(); p++) {
                confusion[classIndex.get(fold.classes().get(t))][classIndex.get(fold.classes().get(p))]
                        += fold.confusion()[t][p];
            }
        }
    }

    private static double accuracy(int[][] confusion) {
        return (double) IntStream.range(0, confusion.length).map(c -> confusion[c][c]).sum() / total(confusion);
    }

    private static double majorityShare(int[][] confusion) {
        return (double) Arrays.stream(confusion).mapToInt(row -> IntStream.of(row).sum()).max().orElseThrow()
                / total(confusion);
    }

    private static int total(int[][] confusion) {
        return Arrays.stream(confusion).flatMapToInt(IntStream::of).sum();
    }

    /** Every class has files, so no class's F1 divides by zero. */
    private static double macroF1(int[][] confusion) {
        return IntStream.range(0, confusion.length).mapToDouble(c -> {
            int actual = IntStream.of(confusion[c]).sum();
            int predicted = IntStream.range(0, confusion.length).map(t -> confusion[t][c]).sum();
            return 2.0 * confusion[c][c] / (actual + predicted);
        }).average().orElseThrow();
    }
}
