package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * What a training step does to the features before the two encoders read them. {@code none}: both read the
 * window as it came. {@code channel}: the context's encoder and the key encoder each read the window through a
 * {@link RecordingChannel} of its own, drawn afresh for every window and step, as if two microphones had recorded
 * it (WavAugment's augmented past, made symmetric as in contrastive speaker embedding). A channel that differs
 * between the context's view and its future's keys cannot pick the true future among the negatives, so the encoder
 * is pushed to drop the recording's colour and keep what the recordings share: the voice and what is said. Only
 * training sees it; embedding reads the window as it came.
 */
public enum Augmentation {

    NONE, CHANNEL;

    /**
     * The view of {@code features} ({@code [B, Cin * melBands, T]} log mel-band energies) one encoder reads: the
     * same array without augmentation, otherwise a copy with each window's own channel applied.
     */
    INDArray view(INDArray features, int melBands, SplittableRandom rng) {
        if (this == NONE) {
            return features;
        }
        long[] shape = features.shape();
        int windows = (int) shape[0];
        int frames = (int) shape[2];
        int blockLength = melBands * frames;
        float[] values = features.dup('c').data().asFloat();
        for (int offset = 0; offset < values.length; offset += blockLength) {
            RecordingChannel.draw(melBands, rng).apply(values, offset, frames);
        }
        return Nd4j.create(values, new long[]{windows, shape[1], frames}, 'c').castTo(features.dataType());
    }

    /** Why a config cannot use this augmentation, or null: the channel is drawn in the log mel-band domain. */
    String unsupportedWith(FrontEnd frontEnd) {
        return this == CHANNEL && frontEnd != FrontEnd.LOGMEL
                ? "the channel augmentation works on log mel-band energies; set frontEnd=logmel or augmentation=none"
                : null;
    }
}
