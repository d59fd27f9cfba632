package dev.cpcstream.model;

/**
 * A linear probe on frozen features, as simple as one can be: ridge regression of one-hot labels on the standardised
 * features (plus a bias), trained on the first part of the samples, scored by the accuracy of its argmax on the rest.
 */
final class LeastSquaresProbe {

    /** Keeps the normal equations solvable when a feature is constant or two are collinear. */
    private static final double RIDGE = 1e-3;

    private LeastSquaresProbe() {
    }

    /**
     * @param features  {@code [n][d]}
     * @param labels    {@code [n]} in {@code [0, classes)}
     * @param trainRows the first {@code trainRows} samples train the probe, the others test it
     */
    static double accuracy(float[][] features, int[] labels, int classes, int trainRows) {
        double[][] x = standardisedWithBias(features, trainRows);
        int d = x[0].length;
        double[][] normal = new double[d][d + classes];          // [X^T X + ridge I | X^T Y]
        for (int r = 0; r < trainRows; r++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    normal[i][j] += x[r][i] * x[r][j];
                }
                normal[i][d + labels[r]] += x[r][i];
            }
        }
        for (int i = 0; i < d; i++) {
            normal[i][i] += RIDGE * trainRows;
        }
        double[][] weights = solve(normal, d, classes);           // [d][classes]
        int correct = 0;
        for (int r = trainRows; r < x.length; r++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double score = 0;
                for (int i = 0; i < d; i++) {
                    score += x[r][i] * weights[i][c];
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            correct += best == labels[r] ? 1 : 0;
        }
        return correct / (double) (x.length - trainRows);
    }

    /** Features minus the training rows' mean, over their std, then a constant 1: {@code [n][d + 1]}. */
    private static double[][] standardisedWithBias(float[][] features, int trainRows) {
        int d = features[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int r = 0; r < trainRows; r++) {
            for (int i = 0; i < d; i++) {
                mean[i] += features[r][i] / (double) trainRows;
            }
        }
        for (int r = 0; r < trainRows; r++) {
            for (int i = 0; i < d; i++) {
                std[i] += Math.pow(features[r][i] - mean[i], 2) / trainRows;
            }
        }
        double[][] x = new double[features.length][d + 1];
        for (int r = 0; r < features.length; r++) {
            for (int i = 0; i < d; i++) {
                x[r][i] = (features[r][i] - mean[i]) / Math.max(Math.sqrt(std[i]), 1e-12);
            }
            x[r][d] = 1;
        }
        return x;
    }

    /** Gauss-Jordan elimination with partial pivoting of {@code [A | B]} ({@code A [d][d]}): A^-1 B. */
    private static double[][] solve(double[][] augmented, int d, int columns) {
        for (int col = 0; col < d; col++) {
            int pivot = col;
            for (int r = col + 1; r < d; r++) {
                if (Math.abs(augmented[r][col]) > Math.abs(augmented[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = augmented[col];
            augmented[col] = augmented[pivot];
            augmented[pivot] = swap;
            for (int r = 0; r < d; r++) {
                if (r != col) {
                    double factor = augmented[r][col] / augmented[col][col];
                    for (int c = col; c < d + columns; c++) {
                        augmented[r][c] -= factor * augmented[col][c];
                    }
                }
            }
        }
        double[][] solution = new double[d][columns];
        for (int i = 0; i < d; i++) {
            for (int c = 0; c < columns; c++) {
                solution[i][c] = augmented[i][d + c] / augmented[i][i];
            }
        }
        return solution;
    }
}
