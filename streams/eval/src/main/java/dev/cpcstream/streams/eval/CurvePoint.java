package dev.cpcstream.streams.eval;

/**
 * The probe's score of one checkpoint of a run.
 *
 * @param checkpoint   the checkpoint's file name, or "untrained" for the weights the run started from
 * @param modelVersion the checkpoint's model version
 * @param step         optimizer steps it had taken
 * @param seconds      seconds of signal it had trained on: steps x windows per batch x hop / sample rate
 * @param accuracy     the probe's test accuracy
 * @param macroF1      the probe's test macro-F1
 * @param chance       accuracy of always answering the train split's most frequent class (the same at every point)
 */
public record CurvePoint(String checkpoint, long modelVersion, long step, double seconds, double accuracy,
                         double macroF1, double chance) {
}
