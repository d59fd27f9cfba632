package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * W_1..W_K: one linear map per step k ahead from the context c_t to a prediction of z_{t+k}. The K heads are one
 * {@code [H, K*C]} matrix, so predicting every step for every anchor is a single gemm.
 */
final class PredictionHeads {

    static final String WEIGHT = "W_k.weight";
    static final String BIAS = "W_k.bias";

    PredictionHeads(CpcConfig config, ParameterLayout layout) {
        long out = (long) config.stepsAhead() * config.channels();
        double bound = 1.0 / Math.sqrt(config.hidden());
        layout.addUniform(WEIGHT, bound, config.hidden(), out);
        layout.addUniform(BIAS, bound, out);
    }

    /** {@code contexts [A, H]} -> predictions {@code [A, K*C]}; row a, block k is W_{k+1} c_a. */
    INDArray forward(ParameterLayout layout, INDArray params, INDArray contexts) {
        return Gemm.times(contexts, layout.view(params, WEIGHT)).addiRowVector(layout.view(params, BIAS));
    }

    /** Writes dW and db; returns the gradient of the contexts, {@code [A, H]}. */
    INDArray backward(ParameterLayout layout, INDArray params, INDArray contexts, INDArray dPredictions, INDArray grad) {
        Nd4j.gemm(contexts, dPredictions, layout.view(grad, WEIGHT), true, false, 1.0, 0.0);
        Gemm.columnSums(dPredictions, layout.view(grad, BIAS));
        return Gemm.timesTransposed(dPredictions, layout.view(params, WEIGHT));
    }
}
