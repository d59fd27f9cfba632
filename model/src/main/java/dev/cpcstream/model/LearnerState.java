package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Everything an {@link OnlineLearner} needs to continue bit for bit: what a checkpoint holds, as arrays.
 *
 * @param params         query network, flat {@code [P]} in {@link ParameterLayout} order
 * @param keyEncoder     momentum encoder, flat {@code [P_enc]}
 * @param optimizerState Adam's first and second moments, {@code [1, 2P]}
 * @param queueKeys      {@code [Q, C]}
 * @param prototypes     PCL's prototypes and their k-means state; null without prototypes or before they are seeded
 * @param carriedStates  per source id, the GRU state its next window starts from and when it was last seen
 * @param windowsTrained windows the applied steps trained on, over the model's life
 */
record LearnerState(CpcConfig config, INDArray params, INDArray keyEncoder, INDArray optimizerState,
                    INDArray queueKeys, long[] queueKeySteps, int queuePointer, PrototypeLevels prototypes,
                    Map<String, CarriedStates.Saved> carriedStates, long step, long modelVersion, long skippedSteps,
                    long windowsTrained) {
}
