package dev.cpcstream.streams.eval;

import dev.cpcstream.model.LogMelSpectrogram;
import dev.cpcstream.streams.source.Recording;
import dev.cpcstream.streams.source.SourceFormat;
import dev.cpcstream.streams.source.SourceSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-made baselines: each file's log-mel energies or MFCCs, summarised by their mean and standard deviation
 * over the file (the classic utterance-level statistics a speaker or sound classifier starts from). Files are read
 * as {@code embed} reads them: resampled to the rate given and mixed to mono.
 */
final class SpectralBaseline {

    enum Features { LOG_MEL, MFCC }

    private SpectralBaseline() {
    }

    /** One vector per file: {@code [2 * 40]} for log-mel, {@code [2 * 13]} for MFCC. */
    static List<FileVector> embed(SourceSpec source, int sampleRate, Features features) throws IOException {
        if (source.kind() != SourceSpec.Kind.WAV) {
            throw new IllegalArgumentException("log-mel and MFCC baselines are for audio; use a wav:DIR source, "
                    + "or --kind random for " + source);
        }
        LogMelSpectrogram spectrogram = new LogMelSpectrogram(sampleRate);
        // The window only sets the time scale of synthetic sources; files ignore it.
        SourceFormat mono = new SourceFormat(sampleRate, 1, 1);
        List<FileVector> vectors = new ArrayList<>();
        for (Recording recording : source.recordings(mono)) {
            double[][] logMel = spectrogram.of(recording.samples());
            double[][] frames = features == Features.MFCC ? Mfcc.of(logMel) : logMel;
            vectors.add(new FileVector(recording.sourceId(), FrameStatistics.meanAndStd(frames)));
        }
        return vectors;
    }
}
