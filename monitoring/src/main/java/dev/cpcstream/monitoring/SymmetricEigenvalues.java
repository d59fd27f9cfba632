package dev.cpcstream.monitoring;

/**
 * Eigenvalues of a real symmetric matrix in two classic steps (Golub and Van Loan, ch. 8): Householder reflections
 * reduce it to a tridiagonal matrix with the same spectrum, then bisection with Sturm sequence counts pins each
 * eigenvalue of that tridiagonal matrix down.
 *
 * <p>Why not Jacobi rotations, the simplest method: they are far slower on a wide covariance, which matters on a
 * machine whose cores are training. Plain Java, so the statistic does not depend on ND4J's native backend or compete
 * for its threads.
 */
final class SymmetricEigenvalues {

    /** More halvings than a double has bits; only bounds a pathological input (NaN entries). */
    private static final int MAX_BISECTIONS = 128;

    private SymmetricEigenvalues() {
    }

    /** The eigenvalues of symmetric {@code a} ({@code [n][n]}, not modified), in ascending order. */
    static double[] of(double[][] a) {
        int n = a.length;
        double[] diagonal = new double[n];
        double[] offDiagonal = new double[Math.max(0, n - 1)];
        tridiagonalize(a, diagonal, offDiagonal);
        return bisectAll(diagonal, offDiagonal);
    }

    /**
     * For k = 0..n-3, the reflection H = I - 2 v v^T (|v| = 1) that zeroes column k below its subdiagonal; applied
     * on both sides to the trailing block as A := A - 2 v w^T - 2 w v^T, w = A v - (v^T A v) v.
     */
    private static void tridiagonalize(double[][] a, double[] diagonal, double[] offDiagonal) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double[] v = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double norm = 0;
            for (int i = k + 1; i < n; i++) {
                norm += m[i][k] * m[i][k];
            }
            norm = Math.sqrt(norm);
            double x0 = m[k + 1][k];
            // reflect x onto alpha e_0 with alpha = -sign(x_0) |x|, which avoids cancellation in v_0 = x_0 - alpha
            double alpha = x0 > 0 ? -norm : norm;
            double vNorm2 = 2 * (norm * norm - x0 * alpha);
            offDiagonal[k] = alpha;
            if (vNorm2 == 0) {
                continue;
            }
            double scale = 1 / Math.sqrt(vNorm2);
            for (int i = k + 1; i < n; i++) {
                v[i] = (i == k + 1 ? x0 - alpha : m[i][k]) * scale;
            }
            double vAv = 0;
            for (int i = k + 1; i < n; i++) {
                double sum = 0;
                double[] row = m[i];
                for (int j = k + 1; j < n; j++) {
                    sum += row[j] * v[j];
                }
                w[i] = sum;
                vAv += v[i] * sum;
            }
            for (int i = k + 1; i < n; i++) {
                w[i] -= vAv * v[i];
            }
            for (int i = k + 1; i < n; i++) {
                double[] row = m[i];
                double vi = 2 * v[i];
                double wi = 2 * w[i];
                for (int j = k + 1; j < n; j++) {
                    row[j] -= vi * w[j] + wi * v[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            diagonal[i] = m[i][i];
        }
        if (n >= 2) {
            offDiagonal[n - 2] = m[n - 1][n - 2];
        }
    }

    /** Each eigenvalue of the tridiagonal matrix by bisection inside the Gershgorin bounds. */
    private static double[] bisectAll(double[] d, double[] e) {
        int n = d.length;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double radius = (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0);
            low = Math.min(low, d[i] - radius);
            high = Math.max(high, d[i] + radius);
        }
        // the tridiagonal matrix is only known to about one ulp of its norm, so bisecting further buys nothing;
        // stopping any earlier shows as spurious small eigenvalues, which the effective rank would count
        double tolerance = 2 * Math.ulp(Math.max(Math.abs(low), Math.abs(high)));
        double[] eigenvalues = new double[n];
        for (int k = 0; k < n; k++) {
            // the k-th smallest eigenvalue is where the count of eigenvalues below x passes k
            double lo = k > 0 ? eigenvalues[k - 1] : low;
            double hi = high;
            for (int step = 0; step < MAX_BISECTIONS && hi - lo > tolerance; step++) {
                double mid = (lo + hi) / 2;
                if (countBelow(d, e, mid) > k) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            eigenvalues[k] = (lo + hi) / 2;
        }
        return eigenvalues;
    }

    /** Eigenvalues of the tridiagonal matrix below x: negative pivots of the LDL^T factorisation of T - x I. */
    private static int countBelow(double[] d, double[] e, double x) {
        int count = 0;
        double pivot = 1;
        for (int i = 0; i < d.length; i++) {
            double previous = i == 0 ? 0 : e[i - 1] * e[i - 1] / pivot;
            pivot = d[i] - x - previous;
            if (pivot == 0) {
                // an exact zero pivot: perturb it by the smallest amount, as if x were a hair larger
                pivot = -Double.MIN_NORMAL;
            }
            if (pivot < 0) {
                count++;
            }
        }
        return count;
    }
}
