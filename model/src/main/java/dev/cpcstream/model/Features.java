package dev.cpcstream.model;

/**
 * One window's samples, channel-major {@code [Cin * L]}, as the encoder reads them: channel-major
 * {@code [channels() * steps]}.
 */
sealed interface Features {

    int channels();

    float[] of(float[] samples);

    /** The waveform front end: the samples themselves. */
    record Samples(int channels) implements Features {

        @Override
        public float[] of(float[] samples) {
            return samples;
        }
    }

    /** Each input channel's log mel-band energies, its bands in order, channel 0's first. */
    record LogMel(int inChannels, LogMelSpectrogram spectrogram) implements Features {

        @Override
        public int channels() {
            return inChannels * spectrogram.filterbank().bands();
        }

        @Override
        public float[] of(float[] samples) {
            int length = samples.length / inChannels;
            int bands = spectrogram.filterbank().bands();
            float[] out = null;
            for (int c = 0; c < inChannels; c++) {
                double[][] logMel = spectrogram.of(samples, c * length, length);          // [frames][bands]
                int frames = logMel.length;
                if (out == null) {
                    out = new float[inChannels * bands * frames];
                }
                for (int b = 0; b < bands; b++) {
                    int row = (c * bands + b) * frames;
                    for (int t = 0; t < frames; t++) {
                        out[row + t] = (float) logMel[t][b];
                    }
                }
            }
            return out;
        }
    }
}
