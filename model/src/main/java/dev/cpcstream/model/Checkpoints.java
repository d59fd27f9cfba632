package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.ArrayBytes;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.PrototypeState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a learner's state to the {@code ModelCheckpoint} contract and back, bit for bit. A checkpoint read back is
 * checked first: a damaged one that still decodes (a tensor of the wrong size, weights that are not finite, which a
 * learner never saves since it skips non-finite steps) is refused with {@link IllegalArgumentException}.
 */
final class Checkpoints {

    private Checkpoints() {
    }

    static ModelCheckpoint toAvro(LearnerState s, Map<String, Long> inputOffsets) {
        Map<String, ByteBuffer> carried = new LinkedHashMap<>();
        Map<String, Long> lastSeen = new LinkedHashMap<>();
        s.carriedStates().forEach((source, saved) -> {
            carried.put(source, ArrayBytes.of(saved.hidden()));
            lastSeen.put(source, saved.lastSeenMs());
        });
        return ModelCheckpoint.newBuilder()
                .setModelVersion(s.modelVersion())
                .setStep(s.step())
                .setSkippedSteps(s.skippedSteps())
                .setWindowsTrained(s.windowsTrained())
                .setCreatedAt(Instant.now())
                .setPreset(s.config().preset())
                .setConfig(s.config().toMap())
                .setDataType(s.params().dataType().name())
                .setParameters(ArrayBytes.of(s.params()))
                .setKeyEncoder(ArrayBytes.of(s.keyEncoder()))
                .setOptimizerState(ArrayBytes.of(s.optimizerState()))
                .setQueueKeys(ArrayBytes.of(s.queueKeys()))
                .setQueuePointer(s.queuePointer())
                .setQueueKeySteps(ArrayBytes.of(s.queueKeySteps()))
                .setCarriedStates(carried)
                .setCarriedStatesLastSeen(lastSeen)
                .setInputOffsets(new LinkedHashMap<>(inputOffsets))
                .setPrototypes(s.prototypes() == null ? null : toAvro(s.prototypes()))
                .setConvWeightOrder(Encoder.WEIGHT_ORDER)
                .build();
    }

    static LearnerState fromAvro(ModelCheckpoint c) {
        CpcConfig config = CpcConfig.fromMap(new HashMap<>(c.getConfig()));
        DataType type = DataType.valueOf(c.getDataType());
        ParameterLayout layout = new CpcNetwork(config).layout();
        INDArray params = finiteArray(c.getParameters(), type, "parameters", layout.length());
        INDArray keyEncoder = finiteArray(c.getKeyEncoder(), type, "keyEncoder", layout.encoderLength());
        INDArray optimizerState = finiteArray(c.getOptimizerState(), type, "optimizerState", 1, 2 * layout.length());
        if (c.getConvWeightOrder() == null) {
            INDArray moments = optimizerState.reshape(2, layout.length());                 // Adam's m and v
            for (INDArray flat : List.of(params, keyEncoder, moments.getRow(0), moments.getRow(1))) {
                Encoder.fromPyTorchOrder(layout, flat);
            }
        } else if (!Encoder.WEIGHT_ORDER.equals(c.getConvWeightOrder())) {
            throw new IllegalArgumentException("checkpoint conv weights are in order " + c.getConvWeightOrder()
                    + ", this version reads " + Encoder.WEIGHT_ORDER + " or checkpoints that record none");
        }
        requireSize(c.getQueueKeys(), type.width(), "queueKeys", config.queueSize(), config.channels());
        INDArray queueKeys = ArrayBytes.toArray(c.getQueueKeys(), type, config.queueSize(), config.channels());
        requireSize(c.getQueueKeySteps(), Long.BYTES, "queueKeySteps", config.queueSize());
        if (c.getQueuePointer() < 0 || c.getQueuePointer() >= config.queueSize()) {
            throw new IllegalArgumentException("checkpoint field queuePointer is " + c.getQueuePointer()
                    + ", outside the queue of " + config.queueSize() + " keys");
        }
        Map<String, CarriedStates.Saved> carried = new HashMap<>();
        c.getCarriedStates().forEach((source, bytes) -> {
            requireSize(bytes, Float.BYTES, "carriedStates[" + source + "]", config.hidden());
            // a checkpoint written before marks were kept has none: unknown, see SourceRecency
            long lastSeenMs = c.getCarriedStatesLastSeen().getOrDefault(source, 0L);
            carried.put(source, new CarriedStates.Saved(ArrayBytes.floats(bytes), lastSeenMs));
        });
        PrototypeLevels prototypes = c.getPrototypes() == null ? null : fromAvro(c.getPrototypes(), config, type);
        return new LearnerState(config, params, keyEncoder, optimizerState, queueKeys,
                ArrayBytes.longs(c.getQueueKeySteps()), c.getQueuePointer(), prototypes, carried, c.getStep(),
                c.getModelVersion(), c.getSkippedSteps(), c.getWindowsTrained());
    }

    /** The tensor in {@code bytes}, refused unless it has exactly {@code shape}'s size and only finite values. */
    private static INDArray finiteArray(ByteBuffer bytes, DataType type, String field, long... shape) {
        requireSize(bytes, type.width(), field, shape);
        INDArray array = ArrayBytes.toArray(bytes, type, shape);
        if (array.isInfinite().any() || array.isNaN().any()) {
            throw new IllegalArgumentException("checkpoint field " + field + " holds values that are not finite");
        }
        return array;
    }

    private static void requireSize(ByteBuffer bytes, int width, String field, long... shape) {
        long expected = width;
        for (long dimension : shape) {
            expected *= dimension;
        }
        if (bytes.remaining() != expected) {
            throw new IllegalArgumentException("checkpoint field " + field + " holds " + bytes.remaining()
                    + " bytes where its model config needs " + expected);
        }
    }

    /** Every granularity's rows stacked, which for one granularity is the layout from before there were several. */
    private static PrototypeState toAvro(PrototypeLevels p) {
        return PrototypeState.newBuilder()
                .setCentroids(ArrayBytes.of(p.centroids()))
                .setCounts(ArrayBytes.of(p.counts()))
                .setConcentrations(ArrayBytes.of(p.concentrations()))
                .build();
    }

    private static PrototypeLevels fromAvro(PrototypeState p, CpcConfig config, DataType type) {
        int total = config.prototypeCount();
        return PrototypeLevels.split(ArrayBytes.toArray(p.getCentroids(), type, total, config.channels()),
                ArrayBytes.toArray(p.getCounts(), type, total), ArrayBytes.toArray(p.getConcentrations(), type, total),
                config.prototypes());
    }
}
