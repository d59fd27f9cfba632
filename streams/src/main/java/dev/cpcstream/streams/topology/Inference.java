package dev.cpcstream.streams.topology;

/**
 * The contexts of an inference-only pass and the weights they were computed with.
 *
 * @param contexts     {@code [B][H]}: c_t at each window's last step, in input order
 * @param step         optimizer steps the weights had taken
 * @param modelVersion version of those weights
 */
public record Inference(float[][] contexts, long step, long modelVersion) {
}
