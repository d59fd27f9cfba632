package dev.cpcstream.streams.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * How well the model's prototypes read as the labels: each file's prototype (the one most of its windows are nearest
 * to) taken as a cluster, against the file's class. No fitting, so every labelled file counts, train and test.
 * <pre>
 *   purity = (1/N) sum_k max_c n_kc                  NMI = I(K; C) / ((H(K) + H(C)) / 2)
 * </pre>
 * Purity is 1 when no prototype mixes classes, and rises with the prototype count on its own (one file per prototype
 * is pure); NMI, scikit-learn's arithmetic normalisation, does not reward that as much.
 *
 * @param files      files that had both a prototype and a label
 * @param prototypes distinct prototypes among them
 * @param purity     see above
 * @param nmi        see above; 1 when both clusterings are one group each
 */
public record PrototypePurity(int files, int prototypes, double purity, double nmi) {

    /** @param prototypeOf file to its prototype; @param labelOf file to its class; files missing from either are left out */
    public static PrototypePurity of(Map<String, Integer> prototypeOf, Map<String, String> labelOf) {
        Map<Integer, Map<String, Integer>> table = new HashMap<>();                      // n_kc
        Map<String, Integer> perClass = new HashMap<>();
        int n = 0;
        for (Map.Entry<String, Integer> e : prototypeOf.entrySet()) {
            String label = labelOf.get(e.getKey());
            if (label != null) {
                table.computeIfAbsent(e.getValue(), k -> new HashMap<>()).merge(label, 1, Integer::sum);
                perClass.merge(label, 1, Integer::sum);
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no file has both a prototype and a label");
        }
        double majoritySum = 0;
        double mutual = 0;
        double clusterEntropy = 0;
        for (Map<String, Integer> row : table.values()) {
            int size = row.values().stream().mapToInt(Integer::intValue).sum();
            majoritySum += row.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            clusterEntropy -= plogp(size, n);
            for (Map.Entry<String, Integer> cell : row.entrySet()) {
                double joint = (double) cell.getValue() / n;
                mutual += joint * Math.log(joint * n * n / ((double) size * perClass.get(cell.getKey())));
            }
        }
        double classEntropy = 0;
        for (int size : perClass.values()) {
            classEntropy -= plogp(size, n);
        }
        double entropies = clusterEntropy + classEntropy;
        double nmi = entropies == 0 ? 1.0 : mutual / (entropies / 2);
        return new PrototypePurity(n, table.size(), majoritySum / n, nmi);
    }

    private static double plogp(int count, int n) {
        double p = (double) count / n;
        return p * Math.log(p);
    }
}
