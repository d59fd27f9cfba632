package dev.cpcstream.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The named presets of {@code presets.properties}: {@code tiny}, {@code mel}, {@code small}, {@code paper},
 * {@code sensor}.
 */
public final class Presets {

    public static final List<String> NAMES = List.of("tiny", "mel", "small", "paper", "sensor");

    private static final Properties FILE = load();

    private Presets() {
    }

    /** The preset's effective config: the shared defaults, then the preset's own keys. */
    public static CpcConfig get(String name) {
        return get(name, Map.of());
    }

    /** The preset with user overrides on top (same keys as the file, without the preset prefix). */
    public static CpcConfig get(String name, Map<String, String> overrides) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; choose one of " + NAMES);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("preset", name);
        putWithPrefix(m, "default.");
        putWithPrefix(m, name + ".");
        CpcConfig base = CpcConfig.fromMap(m);
        return overrides.isEmpty() ? base : base.with(overrides);
    }

    private static void putWithPrefix(Map<String, String> m, String prefix) {
        for (String key : FILE.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                m.put(key.substring(prefix.length()), FILE.getProperty(key));
            }
        }
    }

    private static Properties load() {
        try (InputStream in = Presets.class.getResourceAsStream("presets.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled presets.properties", e);
        }
    }
}
