package dev.cpcstream.schemas;

import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;

/** The codec of a record type on one topic, in the wire format chosen for it. */
public final class RecordCodecs {

    private RecordCodecs() {
    }

    /**
     * The codec that writes {@code format}.
     *
     * @param registry needed by {@link WireFormat#REGISTRY} only
     * @param topic    whose value subject a registry codec registers under
     * @throws IllegalArgumentException if the format is the registry's and no registry is given
     */
    public static <T extends SpecificRecord> RecordCodec<T> of(Class<T> type, WireFormat format,
                                                               Optional<SchemaRegistryClient> registry, String topic) {
        return switch (format) {
            case SINGLE_OBJECT -> AvroCodec.of(type);
            case BARE -> BareCodec.of(type);
            case REGISTRY -> registryCodec(type, registry.orElseThrow(() -> new IllegalArgumentException(
                    "the registry wire format needs " + RegistryConnection.URL)), topic);
        };
    }

    /**
     * The codec that reads every format an application configured with {@code format} accepts on its input: the
     * bare format alone when that is the format; otherwise single-object records, and registry-format records when
     * a registry is given, told apart by their first byte. It writes like {@link #of}.
     */
    public static <T extends SpecificRecord> RecordCodec<T> reader(Class<T> type, WireFormat format,
                                                                   Optional<SchemaRegistryClient> registry,
                                                                   String topic) {
        if (format == WireFormat.BARE) {
            return BareCodec.of(type);
        }
        return new DetectingCodec<>(AvroCodec.of(type), registry.map(client -> registryCodec(type, client, topic)),
                of(type, format, registry, topic));
    }

    private static <T extends SpecificRecord> RegistryCodec<T> registryCodec(Class<T> type,
                                                                             SchemaRegistryClient registry,
                                                                             String topic) {
        return RegistryCodec.of(type, registry, RegistryCodec.valueSubject(topic));
    }
}
