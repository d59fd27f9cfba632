package dev.cpcstream.schemas;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a record's bytes carry (or do not carry) its writer schema on a topic. */
public enum WireFormat {

    /** Avro single-object encoding: {@code C3 01}, the 8-byte schema fingerprint, the body; no registry needed. */
    SINGLE_OBJECT,
    /**
     * The schema-registry wire format of Confluent's serializers: a zero byte, the 4-byte big-endian schema id, the
     * body; read by Kafka Connect's Avro converter, ksqlDB and Flink's {@code avro-confluent}.
     */
    REGISTRY,
    /** The bare Avro body: the reader must already know the writer schema (Spark's {@code from_avro}). */
    BARE;

    /** The setting's spelling: {@code single-object}, {@code registry}, {@code bare}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static WireFormat fromSetting(String value) {
        for (WireFormat format : values()) {
            if (format.settingValue().equalsIgnoreCase(value.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
                .map(WireFormat::settingValue).collect(Collectors.joining(", ")));
    }
}
