package dev.cpcstream.model;

/**
 * What g_enc reads of a window. {@code waveform}: its samples, as in the CPC paper, so the first conv layers must
 * learn a filterbank before anything else. {@code logmel}: the log mel-band energies of short overlapping frames
 * ({@link LogMelSpectrogram}), as COLA and BYOL-A feed their encoders, so training starts from a spectral
 * representation and every step goes to what the context predicts. Either way windows arrive as samples; the front
 * end runs inside the model, so the topology, the queue and the checkpoints do not depend on it.
 */
public enum FrontEnd {

    WAVEFORM, LOGMEL;

    /** Channels of what the encoder reads: the input's, or each input channel's mel bands one after the other. */
    public int featureChannels(int inChannels, int melBands) {
        return this == WAVEFORM ? inChannels : inChannels * melBands;
    }

    /** Time steps of what the encoder reads from {@code samples} steps of input. */
    public int featureSteps(int samples, int sampleRate) {
        return this == WAVEFORM ? samples : LogMelSpectrogram.frames(samples, sampleRate);
    }

    /** Input samples from one feature step to the next. */
    public int samplesPerStep(int sampleRate) {
        return this == WAVEFORM ? 1 : LogMelSpectrogram.hop(sampleRate);
    }

    /** Turns windows of samples into what the encoder reads; one per learner, as it keeps FFT plans. */
    Features features(CpcConfig config) {
        return this == WAVEFORM ? new Features.Samples(config.inChannels())
                : new Features.LogMel(config.inChannels(), new LogMelSpectrogram(config.sampleRate(), config.melBands()));
    }
}
