package dev.cpcstream.streams.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A probe result as a table for people: the scores against chance, then the confusion matrix. */
final class ProbeTable {

    /** Class names longer than this are cut in the confusion matrix's header. */
    private static final int CELL = 8;

    private ProbeTable() {
    }

    static String format(String embeddings, ProbeResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "linear probe of '%s' on %s%n", r.column(), embeddings));
        out.append(String.format(Locale.ROOT, "  files       %d train, %d test; %d classes; D = %d%s%n",
                r.trainFiles(), r.testFiles(), r.classes().size(), r.dimension(),
                r.constantDimensions() == 0 ? "" : " (" + r.constantDimensions() + " constant, left out)"));
        out.append(String.format(Locale.ROOT, "  accuracy    %.3f%n", r.accuracy()));
        out.append(String.format(Locale.ROOT, "  macro-F1    %.3f%n", r.macroF1()));
        out.append(String.format(Locale.ROOT, "  chance      %.3f uniform, %.3f majority ('%s')%n",
                r.uniformChance(), r.majorityChance(), r.majorityClass()));
        out.append("  confusion   rows: true class, columns: predicted\n");
        out.append(row("", r.classes().stream().map(ProbeTable::cut).toList()));
        for (int t = 0; t < r.classes().size(); t++) {
            int[] counts = r.confusion()[t];
            out.append(row(cut(r.classes().get(t)),
                    Arrays.stream(counts).mapToObj(Integer::toString).toList()));
        }
        return out.toString();
    }

    /** One line: how the files' prototypes read as the probed labels. */
    static String format(PrototypePurity p) {
        return String.format(Locale.ROOT, "  prototypes  purity %.3f, NMI %.3f (%d files on %d prototypes)%n",
                p.purity(), p.nmi(), p.files(), p.prototypes());
    }

    /** Two lines: the cross-validated scores, and each fold's accuracy. */
    static String format(CrossValidatedProbe c) {
        return String.format(Locale.ROOT, "  cross-validated over %d folds of '%s': accuracy %.3f, macro-F1 %.3f (%d "
                        + "files, each scored once)%n  fold accuracies %s%n", c.folds(), c.groupColumn(),
                c.accuracy(), c.macroF1(), c.files(), c.foldAccuracies().stream()
                        .map(a -> String.format(Locale.ROOT, "%.3f", a)).collect(Collectors.joining(", ")));
    }

    private static String row(String head, List<String> cells) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %" + CELL + "s", head));
        cells.forEach(cell -> line.append(String.format(Locale.ROOT, " %" + CELL + "s", cell)));
        return line.append('\n').toString();
    }

    private static String cut(String name) {
        return name.length() <= CELL ? name : name.substring(0, CELL - 1) + "~";
    }
}
