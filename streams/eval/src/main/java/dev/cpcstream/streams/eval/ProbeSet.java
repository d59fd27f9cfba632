package dev.cpcstream.streams.eval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Embeddings joined with one label column: what a linear probe is fitted and scored on. Building it refuses what
 * would make the scores meaningless: an embedded file without a label, an empty split, or test files whose class
 * the train split never shows (no linear probe can predict a class it was not fitted on).
 *
 * @param column    the label column predicted
 * @param train     the files of split=train
 * @param test      the files of split=test
 * @param dimension D, the length of every vector
 */
public record ProbeSet(String column, List<Example> train, List<Example> test, int dimension) {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeSet.class);

    /** One file: its class under {@link #column} and its embedding {@code [D]}. */
    public record Example(String file, String label, float[] vector) {
    }

    /** @param column the label column to predict, or null for the table's first */
    public static ProbeSet of(List<FileVector> vectors, LabelTable labels, String column) {
        String chosen = labels.column(column);
        labels.requireRowsFor(vectors.stream().map(FileVector::file).toList());
        int notEmbedded = labels.rows().size() - vectors.size();
        if (notEmbedded > 0) {
            LOG.warn("{} labelled files have no embedding and are left out", notEmbedded);
        }
        List<Example> train = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        for (FileVector v : vectors) {
            LabelTable.Row row = labels.rows().get(v.file());
            Example example = new Example(v.file(), row.labels().get(chosen), v.vector());
            (row.split() == Split.TRAIN ? train : test).add(example);
        }
        return of(chosen, train, test);
    }

    /** The given files on each side, refused as {@link #of(List, LabelTable, String)} refuses them. */
    static ProbeSet of(String column, List<Example> train, List<Example> test) {
        requireBothSplits(train, test);
        requireTestClassesInTrain(train, test, column);
        return new ProbeSet(column, List.copyOf(train), List.copyOf(test), train.get(0).vector().length);
    }

    /** Every class of the train split, sorted: the probe's classes. */
    public List<String> classes() {
        return List.copyOf(labels(train));
    }

    private static void requireBothSplits(List<Example> train, List<Example> test) {
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("the " + (train.isEmpty() ? "train" : "test") + " split has no "
                    + "embedded file (" + train.size() + " train, " + test.size() + " test); labels.csv needs both");
        }
        if (labels(train).size() < 2) {
            throw new IllegalArgumentException("the train split has only one class, " + labels(train)
                    + "; a probe needs at least two");
        }
    }

    private static void requireTestClassesInTrain(List<Example> train, List<Example> test, String column) {
        Set<String> unseen = labels(test);
        unseen.removeAll(labels(train));
        if (!unseen.isEmpty()) {
            throw new IllegalArgumentException("test files have " + column + " values the train split never shows: "
                    + LabelTable.named(List.copyOf(unseen)) + "; a probe cannot predict a class it was not fitted on");
        }
    }

    private static Set<String> labels(List<Example> examples) {
        return examples.stream().map(Example::label).collect(Collectors.toCollection(TreeSet::new));
    }
}
