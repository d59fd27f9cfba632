package dev.cpcstream.streams.eval;

import dev.cpcstream.model.novelty.NoveltyScorer;
import dev.cpcstream.model.novelty.NoveltySettings;
import dev.cpcstream.model.novelty.NoveltyTerm;
import dev.cpcstream.model.novelty.StreamReference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One method's scores of every window of a scenario, {@code [source][window]} (NaN where it had none), and what they
 * say against the known switch. Every method is thresholded by the production scorer itself, fed its scores as the
 * scorer's loss term: the same per-source and stream quantiles, the same warm-up.
 */
final class SwitchScores {

    private static final float[] NO_VECTOR = {1f};

    private final String method;
    private final double[][] scores;

    SwitchScores(String method, int sources, int windows) {
        this.method = method;
        this.scores = new double[sources][windows];
        for (double[] row : scores) {
            Arrays.fill(row, Double.NaN);
        }
    }

    String method() {
        return method;
    }

    void put(int source, int window, Double score) {
        scores[source][window] = score == null ? Double.NaN : score;
    }

    MethodResult evaluate(NoveltyProtocol protocol, double windowSeconds) {
        boolean[][] flagged = thresholded(protocol.novelty());
        int before = protocol.windowsBefore();
        int warmup = protocol.novelty().warmupWindows();
        List<Double> positives = new ArrayList<>();
        List<Double> negatives = new ArrayList<>();
        List<Double> delays = new ArrayList<>();
        int falseAlarms = 0;
        for (int s = 0; s < scores.length; s++) {
            for (int w = warmup; w < before; w++) {
                negatives.add(scoreOrFloor(s, w));
                falseAlarms += flagged[s][w] ? 1 : 0;
            }
            Integer first = null;
            for (int w = before; w < scores[s].length; w++) {
                positives.add(scoreOrFloor(s, w));
                if (first == null && flagged[s][w]) {
                    first = w;
                }
            }
            if (first != null) {
                delays.add((first - before + 1) * windowSeconds);
            }
        }
        double auc = RocAuc.of(toArray(positives), toArray(negatives));
        return new MethodResult(method, Json.finiteOrNull(auc), delays.size(), scores.length, median(delays),
                (double) falseAlarms / negatives.size());
    }

    private boolean[][] thresholded(NoveltySettings novelty) {
        NoveltySettings asLoss = novelty.withTerm(NoveltyTerm.LOSS);
        NoveltyScorer scorer = new NoveltyScorer(asLoss, new StreamReference(asLoss));
        boolean[][] flagged = new boolean[scores.length][scores[0].length];
        for (int w = 0; w < scores[0].length; w++) {
            for (int s = 0; s < scores.length; s++) {
                flagged[s][w] = scorer.score(Integer.toString(s), 0, NO_VECTOR, scores[s][w]).novel();
            }
        }
        return flagged;
    }

    /** A missing score ranks below every real one: the method had nothing to say about the window. */
    private double scoreOrFloor(int source, int window) {
        double score = scores[source][window];
        return Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = toArray(values);
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
