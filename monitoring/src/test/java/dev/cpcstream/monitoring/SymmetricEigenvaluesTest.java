package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenvaluesTest {

    @Test
    void twoByTwo() {
        double[] eigenvalues = sorted(SymmetricEigenvalues.of(new double[][] {{2, 1}, {1, 2}}));

        assertArrayEquals(new double[] {1, 3}, eigenvalues, 1e-12);
    }

    @Test
    void diagonalMatrixIsItsOwnAnswer() {
        double[] eigenvalues = sorted(SymmetricEigenvalues.of(new double[][] {{5, 0, 0}, {0, -1, 0}, {0, 0, 0}}));

        assertArrayEquals(new double[] {-1, 0, 5}, eigenvalues, 1e-12);
    }

    /**
     * A = Q diag(lambda) Q^T with Q a Householder reflection, so the eigenvalues are known exactly; a third of them
     * repeated, as in a covariance with several equally strong directions.
     */
    @Test
    void recoversTheSpectrumOfARotatedDiagonal() {
        int n = 40;
        Random random = new Random(7);
        double[] lambda = new double[n];
        double[] v = new double[n];
        double vv = 0;
        for (int i = 0; i < n; i++) {
            lambda[i] = i % 3 == 0 ? 3.0 : random.nextDouble() * 10 - 2;
            v[i] = random.nextGaussian();
            vv += v[i] * v[i];
        }
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv;
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += q[i][k] * lambda[k] * q[j][k];
                }
            }
        }

        assertArrayEquals(sorted(lambda), sorted(SymmetricEigenvalues.of(a)), 1e-9);
    }

    @Test
    void oneByOneAndEmpty() {
        assertArrayEquals(new double[] {4}, SymmetricEigenvalues.of(new double[][] {{4}}), 0);
        assertArrayEquals(new double[0], SymmetricEigenvalues.of(new double[0][0]), 0);
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
