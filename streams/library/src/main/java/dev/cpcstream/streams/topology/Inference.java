package dev.cpcstream.streams.topology;

/**
 * The contexts of an inference-only pass and the weights they were computed with.
 *
 * @param contexts     {@code [B][H]}: c_t at each window's last step, in input order
 * @param prototypes   each window's nearest prototype, in input order; null when the model keeps none
 * @param step         optimizer steps the weights had taken
 * @param modelVersion version of those weights
 */
public record Inference(float[][] contexts, int[] prototypes, long step, long modelVersion) {

    /** The prototype of window {@code i}, or null. */
    Integer prototype(int i) {
        return prototypes == null ? null : prototypes[i];
    }
}
