package dev.cpcstream.schemas;

import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;

/** The codec of a record type on one topic, in the wire format chosen for it. */
public final class RecordCodecs {

    private RecordCodecs() {
    }

    /**
     * @param registry needed by {@link WireFormat#REGISTRY} only
     * @param topic    whose value subject a registry codec registers under
     * @throws IllegalArgumentException if the format is the registry's and no registry is given
     */
    public static <T extends SpecificRecord> RecordCodec<T> of(Class<T> type, WireFormat format,
                                                               Optional<SchemaRegistryClient> registry, String topic) {
        return switch (format) {
            case SINGLE_OBJECT -> AvroCodec.of(type);
            case BARE -> BareCodec.of(type);
            case REGISTRY -> RegistryCodec.of(type, registry.orElseThrow(() -> new IllegalArgumentException(
                    "the registry wire format needs " + RegistryConnection.URL)), RegistryCodec.valueSubject(topic));
        };
    }
}
