package dev.cpcstream.streams.eval;

/**
 * What a learning curve plots of a probe, on the fixed split or cross-validated.
 *
 * @param accuracy       fraction of the scored files whose class is predicted
 * @param macroF1        F1 averaged over the classes with equal weight
 * @param majorityChance accuracy of always answering the most frequent class
 */
record ProbeScore(double accuracy, double macroF1, double majorityChance) {
}
