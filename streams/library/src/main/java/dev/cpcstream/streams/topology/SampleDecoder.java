package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.DeadLetterReason;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.SampleEncoding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Checks a frame against the model's input format and turns its interleaved bytes into channel-major floats.
 * PCM_S16LE is scaled by 1/32768 into [-1, 1), the range FLOAT32_LE audio is conventionally in.
 */
public final class SampleDecoder {

    private static final float PCM_S16_SCALE = 1f / 32768f;

    private final CpcConfig config;
    private final Optional<SampleEncoding> acceptedEncoding;

    public SampleDecoder(CpcConfig config, Optional<SampleEncoding> acceptedEncoding) {
        this.config = config;
        this.acceptedEncoding = acceptedEncoding;
    }

    /** @throws RejectedFrameException with the dead-letter reason when the frame does not fit the model */
    public DecodedFrame decode(Frame frame) {
        checkFormat(frame);
        ByteBuffer data = frame.getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int channels = frame.getChannels();
        int bytesPerSample = bytesPerSample(frame.getEncoding());
        if (data.remaining() == 0 || data.remaining() % (channels * bytesPerSample) != 0) {
            throw new RejectedFrameException(DeadLetterReason.BAD_LENGTH, describe(frame) + " has " + data.remaining()
                    + " data bytes, not a positive multiple of " + channels + " channels x " + bytesPerSample
                    + " bytes per " + frame.getEncoding() + " sample");
        }
        int length = data.remaining() / (channels * bytesPerSample);
        float[] samples = new float[channels * length];
        for (int i = 0; i < length; i++) {
            for (int c = 0; c < channels; c++) {
                // interleaved s_i c_c -> channel-major [c * n + i]
                samples[c * length + i] = frame.getEncoding() == SampleEncoding.PCM_S16LE
                        ? data.getShort() * PCM_S16_SCALE
                        : finite(data.getFloat(), frame, i, c);
            }
        }
        return new DecodedFrame(frame.getSeq(), frame.getTimestamp().toEpochMilli(), length, samples);
    }

    private void checkFormat(Frame frame) {
        if (frame.getSampleRate() != config.sampleRate()) {
            throw new RejectedFrameException(DeadLetterReason.SAMPLE_RATE_MISMATCH, describe(frame) + " is sampled at "
                    + frame.getSampleRate() + " Hz but preset '" + config.preset() + "' expects "
                    + config.sampleRate() + " Hz: resample the source or choose a matching preset");
        }
        if (frame.getChannels() != config.inChannels()) {
            throw new RejectedFrameException(DeadLetterReason.CHANNELS_MISMATCH, describe(frame) + " has "
                    + frame.getChannels() + " channels but preset '" + config.preset() + "' expects "
                    + config.inChannels());
        }
        if (acceptedEncoding.isPresent() && frame.getEncoding() != acceptedEncoding.get()) {
            throw new RejectedFrameException(DeadLetterReason.ENCODING_MISMATCH, describe(frame) + " is "
                    + frame.getEncoding() + " but this deployment accepts only " + acceptedEncoding.get()
                    + " (setting cpc.frame.encoding)");
        }
    }

    private static float finite(float sample, Frame frame, int index, int channel) {
        if (!Float.isFinite(sample)) {
            throw new RejectedFrameException(DeadLetterReason.NON_FINITE_SAMPLES, describe(frame) + " has sample "
                    + sample + " at index " + index + " of channel " + channel);
        }
        return sample;
    }

    private static int bytesPerSample(SampleEncoding encoding) {
        return switch (encoding) {
            case PCM_S16LE -> Short.BYTES;
            case FLOAT32_LE -> Float.BYTES;
        };
    }

    private static String describe(Frame frame) {
        return "frame seq " + frame.getSeq() + " of source '" + frame.getSourceId() + "'";
    }
}
