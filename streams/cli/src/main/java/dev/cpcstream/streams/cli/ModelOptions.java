package dev.cpcstream.streams.cli;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.Presets;
import dev.cpcstream.streams.app.AppSettings;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --preset} and {@code --set}: which model, and what to change in it. */
final class ModelOptions {

    @Option(names = "--preset", defaultValue = AppSettings.DEFAULT_PRESET, paramLabel = "NAME",
            description = "Model preset: tiny, mel, small, paper or sensor (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one model setting of the preset, with the keys of presets.properties "
                    + "(e.g. --set negatives=256 --set learningRate=1e-3). Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The preset with the overrides applied; throws with the list of known keys on a typo. */
    CpcConfig config() {
        return Presets.get(preset, overrides);
    }
}
