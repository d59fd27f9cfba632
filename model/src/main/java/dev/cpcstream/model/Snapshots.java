package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.ArrayBytes;
import dev.cpcstream.schemas.ModelSnapshot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.time.Instant;

/** Maps the weights a follower embeds with to the {@code ModelSnapshot} contract and back. */
final class Snapshots {

    private Snapshots() {
    }

    static ModelSnapshot toAvro(LearnerState s) {
        return ModelSnapshot.newBuilder()
                .setModelVersion(s.modelVersion())
                .setStep(s.step())
                .setCreatedAt(Instant.now())
                .setPreset(s.config().preset())
                .setConfig(s.config().toMap())
                .setConfigHash(s.config().hash())
                .setDataType(s.params().dataType().name())
                .setParameters(ArrayBytes.of(s.params()))
                .setPrototypes(s.prototypes() == null ? null : ArrayBytes.of(s.prototypes().centroids()))
                .build();
    }

    /** The snapshot's query-network parameters, {@code [P]}. */
    static INDArray parameters(ModelSnapshot snapshot, ParameterLayout layout) {
        return ArrayBytes.toArray(snapshot.getParameters(), DataType.valueOf(snapshot.getDataType()), layout.length());
    }

    /** The snapshot's prototypes, every granularity's stacked: {@code [sum P, C]}, or null when it has none. */
    static INDArray centroids(ModelSnapshot snapshot, CpcConfig config) {
        return snapshot.getPrototypes() == null ? null : ArrayBytes.toArray(snapshot.getPrototypes(),
                DataType.valueOf(snapshot.getDataType()), config.prototypeCount(), config.channels());
    }
}
