package dev.cpcstream.streams.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The .properties files the commands take: run's and produce's and tail's Kafka settings, the broker's overrides. */
final class PropertiesFile {

    private PropertiesFile() {
    }

    static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    /** Keys and values, values trimmed as Kafka trims them. */
    static Map<String, String> readMap(Path file) throws IOException {
        Properties properties = read(file);
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key).trim()));
        return map;
    }
}
