package dev.cpcstream.streams.eval;

import picocli.CommandLine.Option;

import java.util.List;

/** {@code --folds} and {@code --group}: the probe cross-validated over groups of files. */
final class FoldOptions {

    @Option(names = "--folds", paramLabel = "K",
            description = "Cross-validate the probe over K folds of --group's values: every file, train or test, "
                    + "scored once by a probe fitted on the other folds (default: off).")
    int folds;

    @Option(names = "--group", paramLabel = "COLUMN",
            description = "With --folds: the label column whose equal values stay in one fold, such as the "
                    + "sentence of a speaker corpus or the sample group of a sound corpus.")
    String group;

    /** Whether --folds is given; refuses one of the pair without the other. */
    boolean crossValidates() {
        if ((folds > 0) != (group != null)) {
            throw new IllegalArgumentException("--folds and --group go together");
        }
        return folds > 0;
    }

    CrossValidatedProbe crossValidate(List<FileVector> vectors, LabelTable labels, String column) {
        return CrossValidatedProbe.of(vectors, labels, column, group, folds);
    }

    /** Cross-validated with --folds, else on the labels' split. */
    ProbeScore score(List<FileVector> vectors, LabelTable labels, String column) {
        if (crossValidates()) {
            CrossValidatedProbe probe = crossValidate(vectors, labels, column);
            return new ProbeScore(probe.accuracy(), probe.macroF1(), probe.majorityChance());
        }
        ProbeResult probe = new LinearProbe().fit(ProbeSet.of(vectors, labels, column));
        return new ProbeScore(probe.accuracy(), probe.macroF1(), probe.majorityChance());
    }

    /** How the score was taken, for a chart's axis. */
    String describe() {
        return crossValidates() ? folds + "-fold cross-validated" : "test split";
    }
}
