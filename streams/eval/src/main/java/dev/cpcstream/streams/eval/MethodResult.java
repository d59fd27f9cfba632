package dev.cpcstream.streams.eval;

/**
 * How one novelty score did on one scenario.
 *
 * @param method             which score
 * @param auc                ROC AUC of the first windows after the switch against the normal windows after warm-up
 * @param detected           sources whose switch was flagged by the adaptive threshold within the windows after it
 * @param sources            sources that switched
 * @param medianDelaySeconds from the switch to the end of the first flagged window, median over the detected
 *                           sources; null when none was
 * @param falseAlarmRate     fraction of the normal windows after warm-up that were flagged
 */
record MethodResult(String method, Double auc, int detected, int sources, Double medianDelaySeconds,
                    double falseAlarmRate) {
}
