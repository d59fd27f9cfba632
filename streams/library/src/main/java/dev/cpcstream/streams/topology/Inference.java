package dev.cpcstream.streams.topology;

/**
 * The contexts of an inference-only pass and the weights they were computed with.
 *
 * @param contexts     {@code [B][H]}: c_t at each window's last step, in input order
 * @param prototypes   each window's nearest prototype, in input order; null when the model keeps none
 * @param ownFrameLosses each window's InfoNCE against its own frames, in input order; null when novelty is off
 * @param step         optimizer steps the weights had taken
 * @param modelVersion version of those weights
 */
public record Inference(float[][] contexts, int[] prototypes, double[] ownFrameLosses, long step,
                        long modelVersion) {

    /** The prototype of window {@code i}, or null. */
    Integer prototype(int i) {
        return prototypes == null ? null : prototypes[i];
    }

    /** The own-frame loss of window {@code i}; NaN when novelty is off. */
    double ownFrameLoss(int i) {
        return ownFrameLosses == null ? Double.NaN : ownFrameLosses[i];
    }
}
