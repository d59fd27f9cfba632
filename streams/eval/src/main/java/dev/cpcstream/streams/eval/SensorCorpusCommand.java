package dev.cpcstream.streams.eval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sensor-corpus", mixinStandardHelpOptions = true,
        description = {"Writes a labelled corpus of synthetic 6-axis IMU logs at 50 Hz for the sensor preset: one "
                + "CSV per activity (sitting, standing, walking, running, cycling, stairs) and subject in DIR/logs, "
                + "and DIR/labels.csv (file,activity,subject,split), split by subject.",
                "Then: demo --preset sensor --source csv:DIR/logs ..., embed, evaluate --label activity."})
public final class SensorCorpusCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SensorCorpusCommand.class);

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the files.")
    Path out;

    @Option(names = "--subjects", defaultValue = "8", paramLabel = "N",
            description = "Subjects, each doing every activity; the last quarter are test (default: ${DEFAULT-VALUE}).")
    int subjects;

    @Option(names = "--seconds", defaultValue = "60", paramLabel = "S",
            description = "Length of each log (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--seed", defaultValue = "1", description = "Same seed, same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        int files = SensorCorpus.write(out, subjects, seconds, seed).size();
        LOG.info("{} sensor logs written to {}, labels to {}", files, out.resolve(SensorCorpus.LOGS),
                out.resolve("labels.csv"));
        return 0;
    }
}
