package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.app.AppSettings;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** {@code --app}: application settings given on the command line, for commands that take no config file. */
final class AppOptions {

    @Option(names = "--app", paramLabel = "KEY=VALUE",
            description = "An application setting, as `run --config` takes them (e.g. --app commit.interval.ms=100 "
                    + "--app cpc.batch.flush.ms=200). Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The settings as properties, for {@link AppSettings#fromProperties}. */
    Properties properties() {
        Properties p = new Properties();
        p.putAll(settings);
        return p;
    }
}
