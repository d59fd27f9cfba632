package dev.cpcstream.streams.eval;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.Presets;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.source.SourceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Embeds every file of a source with a baseline, into the same JSON lines as embed writes, "
                + "for evaluate to score beside the learned embeddings.",
                "logmel: mean and std over the file of 40 log mel-band energies (25 ms frames every 10 ms), 80 "
                        + "values. mfcc: the same of 13 MFCCs, 26 values. random: the CPC model with the untrained "
                        + "weights it starts from, embedded as embed does."})
public final class BaselineCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BaselineCommand.class);

    enum Kind { LOGMEL, MFCC, RANDOM }

    @Option(names = "--source", required = true, paramLabel = "SPEC",
            description = "wav:DIR (any kind) or csv:DIR (random only): every file under DIR.")
    String source;

    @Option(names = "--kind", required = true, paramLabel = "KIND", converter = KindConverter.class,
            description = "logmel, mfcc or random.")
    Kind kind;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Where to write the lines.")
    Path out;

    @Option(names = "--sample-rate", defaultValue = "16000", paramLabel = "HZ",
            description = "logmel and mfcc: the rate files are resampled to first (default: ${DEFAULT-VALUE}).")
    int sampleRate;

    @Option(names = "--preset", defaultValue = AppSettings.DEFAULT_PRESET, paramLabel = "NAME",
            description = "random: the architecture, as a preset (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--like", paramLabel = "FILE",
            description = "random: take the architecture (and seed) from this checkpoint or snapshot file instead of "
                    + "--preset.")
    Path like;

    @Override
    public Integer call() throws IOException {
        SourceSpec spec = SourceSpec.parse(source);
        List<FileVector> vectors = switch (kind) {
            case LOGMEL -> SpectralBaseline.embed(spec, sampleRate, SpectralBaseline.Features.LOG_MEL);
            case MFCC -> SpectralBaseline.embed(spec, sampleRate, SpectralBaseline.Features.MFCC);
            case RANDOM -> RandomEncoderBaseline.embed(architecture(), spec);
        };
        EmbeddingsFile.write(out, vectors);
        LOG.info("{} baseline of {} files, {} values each, written to {}", kind.name().toLowerCase(Locale.ROOT),
                vectors.size(), vectors.get(0).vector().length, out);
        return 0;
    }

    private CpcConfig architecture() throws IOException {
        if (like == null) {
            return Presets.get(preset);
        }
        return ModelFile.config(like);
    }

    /** logmel, mfcc, random, in any case. */
    static final class KindConverter implements ITypeConverter<Kind> {
        @Override
        public Kind convert(String text) {
            try {
                return Kind.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown kind '" + text + "'; use logmel, mfcc or random");
            }
        }
    }
}
