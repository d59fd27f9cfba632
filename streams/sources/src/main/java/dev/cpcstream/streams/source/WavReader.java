package dev.cpcstream.streams.source;

import dev.cpcstream.schemas.SampleEncoding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes a RIFF/WAVE file into memory: 16-bit integer PCM or 32-bit IEEE float, any rate and channel count, plain
 * or WAVE_FORMAT_EXTENSIBLE headers. Anything else is rejected with a message saying how to convert it.
 */
public final class WavReader {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_IEEE_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final String CONVERT_HINT =
            "; convert it to 16-bit PCM or 32-bit float, e.g. sox in.wav -b 16 -e signed-integer out.wav";

    private WavReader() {
    }

    /** @param sourceId what the recording is called (the file's path relative to the source directory) */
    public static Recording read(Path file, String sourceId) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.remaining() < 12 || !tag(bytes).equals("RIFF") || bytes.getInt() < 0 || !tag(bytes).equals("WAVE")) {
            throw new IOException(file + " is not a RIFF/WAVE file");
        }
        Header header = null;
        while (bytes.remaining() >= 8) {
            String chunk = tag(bytes);
            int size = bytes.getInt();
            if (size < 0 || size > bytes.remaining()) {
                // Recorders that were interrupted leave the data chunk's size unpatched; take what is there.
                size = bytes.remaining();
            }
            ByteBuffer body = bytes.slice(bytes.position(), size).order(ByteOrder.LITTLE_ENDIAN);
            if (chunk.equals("fmt ")) {
                header = Header.parse(body, file);
            } else if (chunk.equals("data")) {
                if (header == null) {
                    throw new IOException(file + ": the data chunk comes before the fmt chunk");
                }
                return new Recording(sourceId, header.sampleRate, header.channels, header.decode(body),
                        header.encoding);
            }
            // Chunks are padded to an even length.
            bytes.position(Math.min(bytes.limit(), bytes.position() + size + (size & 1)));
        }
        throw new IOException(file + " has no " + (header == null ? "fmt" : "data") + " chunk");
    }

    private static String tag(ByteBuffer bytes) {
        byte[] tag = new byte[4];
        bytes.get(tag);
        return new String(tag, StandardCharsets.US_ASCII);
    }

    private record Header(int channels, int sampleRate, SampleEncoding encoding) {

        static Header parse(ByteBuffer fmt, Path file) throws IOException {
            int format = Short.toUnsignedInt(fmt.getShort(0));
            int channels = Short.toUnsignedInt(fmt.getShort(2));
            int sampleRate = fmt.getInt(4);
            int bits = Short.toUnsignedInt(fmt.getShort(14));
            if (format == FORMAT_EXTENSIBLE && fmt.limit() >= 26) {
                // The real format is the first two bytes of the sub-format GUID.
                format = Short.toUnsignedInt(fmt.getShort(24));
            }
            if (channels == 0 || sampleRate <= 0) {
                throw new IOException(file + ": header says " + channels + " channels at " + sampleRate + " Hz");
            }
            if (format == FORMAT_PCM && bits == 16) {
                return new Header(channels, sampleRate, SampleEncoding.PCM_S16LE);
            }
            if (format == FORMAT_IEEE_FLOAT && bits == 32) {
                return new Header(channels, sampleRate, SampleEncoding.FLOAT32_LE);
            }
            String kind = format == FORMAT_PCM ? bits + "-bit PCM"
                    : format == FORMAT_IEEE_FLOAT ? bits + "-bit float" : "format code " + format;
            throw new IOException(file + " holds " + kind + ", which is not supported" + CONVERT_HINT);
        }

        float[] decode(ByteBuffer data) {
            int bytesPerStep = channels * (encoding == SampleEncoding.PCM_S16LE ? Short.BYTES : Float.BYTES);
            // A trailing partial step (a truncated file) is dropped.
            float[] samples = new float[data.remaining() / bytesPerStep * channels];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = encoding == SampleEncoding.PCM_S16LE
                        ? data.getShort(i * Short.BYTES) / 32768f
                        : data.getFloat(i * Float.BYTES);
            }
            return samples;
        }
    }
}
