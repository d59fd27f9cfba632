package dev.cpcstream.streams.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a recording to the model's input format: a different sample rate is resampled ({@link Resampler}), several
 * channels are averaged to one when the model takes mono input, and any other channel mismatch is refused, since
 * there is no one right way to map, say, 2 channels onto 6.
 */
public final class FormatAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(FormatAdapter.class);

    private FormatAdapter() {
    }

    public static Recording adapt(Recording recording, SourceFormat format) {
        return resample(mixChannels(recording, format), format);
    }

    private static Recording mixChannels(Recording recording, SourceFormat format) {
        int from = recording.channels();
        if (from == format.channels()) {
            return recording;
        }
        if (format.channels() != 1) {
            throw new IllegalArgumentException(recording.sourceId() + " has " + from + " channels but the model takes "
                    + format.channels() + " (its inChannels); choose a preset or --set inChannels=" + from
                    + " that matches the data");
        }
        LOG.info("{}: averaging {} channels to mono", recording.sourceId(), from);
        float[] interleaved = recording.samples();
        float[] mono = new float[recording.steps()];
        for (int t = 0; t < mono.length; t++) {
            float sum = 0;
            for (int c = 0; c < from; c++) {
                sum += interleaved[t * from + c];
            }
            mono[t] = sum / from;
        }
        return recording.withSamples(recording.sampleRate(), 1, mono);
    }

    private static Recording resample(Recording recording, SourceFormat format) {
        if (recording.sampleRate() == format.sampleRate()) {
            return recording;
        }
        LOG.info("{}: resampling from {} Hz to {} Hz", recording.sourceId(), recording.sampleRate(),
                format.sampleRate());
        Resampler resampler = new Resampler(recording.sampleRate(), format.sampleRate(), recording.channels());
        return recording.withSamples(format.sampleRate(), recording.channels(),
                resampler.resample(recording.samples()));
    }
}
