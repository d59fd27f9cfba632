package dev.cpcstream.streams.eval;

/**
 * Mel-frequency cepstral coefficients: the orthonormal DCT-II of each frame's log mel energies, first
 * {@link #COEFFICIENTS} kept (c0, the log energy, included), as HTK and Kaldi compute them before liftering.
 */
final class Mfcc {

    static final int COEFFICIENTS = 13;

    private Mfcc() {
    }

    /** {@code [frames][bands]} log mel energies -> {@code [frames][COEFFICIENTS]} */
    static double[][] of(double[][] logMel) {
        int bands = logMel[0].length;
        double[][] basis = dctBasis(COEFFICIENTS, bands);
        double[][] cepstra = new double[logMel.length][COEFFICIENTS];
        for (int t = 0; t < logMel.length; t++) {
            for (int n = 0; n < COEFFICIENTS; n++) {
                double sum = 0;
                for (int m = 0; m < bands; m++) {
                    sum += basis[n][m] * logMel[t][m];
                }
                cepstra[t][n] = sum;
            }
        }
        return cepstra;
    }

    /** Rows of the orthonormal DCT-II: {@code sqrt((n == 0 ? 1 : 2) / M) cos(pi n (m + 1/2) / M)}. */
    private static double[][] dctBasis(int coefficients, int bands) {
        double[][] basis = new double[coefficients][bands];
        for (int n = 0; n < coefficients; n++) {
            double scale = Math.sqrt((n == 0 ? 1.0 : 2.0) / bands);
            for (int m = 0; m < bands; m++) {
                basis[n][m] = scale * Math.cos(Math.PI * n * (m + 0.5) / bands);
            }
        }
        return basis;
    }
}
