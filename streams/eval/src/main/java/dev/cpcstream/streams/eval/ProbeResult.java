package dev.cpcstream.streams.eval;

import java.util.List;

/**
 * How well a linear probe predicts one label column of the test files from their embeddings.
 *
 * @param column             the label column predicted
 * @param trainFiles         files the probe was fitted on
 * @param testFiles          files it was scored on
 * @param dimension          D, the embeddings' dimension
 * @param constantDimensions dimensions left out because they do not vary over the train split
 * @param classes            the train split's classes, sorted; the order of the confusion matrix
 * @param accuracy           fraction of test files whose class is predicted
 * @param macroF1            F1 averaged over the classes with equal weight, as Tribuo computes it
 * @param uniformChance      accuracy of guessing uniformly at random: 1 / classes
 * @param majorityChance     accuracy of always answering the train split's most frequent class
 * @param majorityClass      that class
 * @param confusion          {@code [truth][predicted]}: test files of class {@code classes[truth]} predicted as
 *                           {@code classes[predicted]}
 */
public record ProbeResult(String column, int trainFiles, int testFiles, int dimension, int constantDimensions,
                          List<String> classes, double accuracy, double macroF1, double uniformChance,
                          double majorityChance, String majorityClass, int[][] confusion) {
}
