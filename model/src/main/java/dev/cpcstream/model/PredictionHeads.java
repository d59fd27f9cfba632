package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * W_1..W_K: one linear map per step k ahead from the context c_t to a prediction of z_{t+k}. The K heads are one
 * {@code [H, K*C]} matrix, so predicting every step for every anchor is a single gemm.
 *
 * <p>With a positive {@code predictorHidden} the heads read a shared hidden layer of that width, ReLU(W_p c_t + b_p),
 * instead of c_t itself: the contexts need only be predictive through a nonlinear map, as SimCLR's representation
 * is taken before its nonlinear projection head.
 */
final class PredictionHeads {

    static final String WEIGHT = "W_k.weight";
    static final String BIAS = "W_k.bias";
    static final String HIDDEN_WEIGHT = "W_p.weight";
    static final String HIDDEN_BIAS = "W_p.bias";

    /**
     * One forward pass and what its backward pass needs.
     *
     * @param hidden      {@code [A, predictorHidden]} the hidden layer after its ReLU; null without one
     * @param predictions {@code [A, K*C]}: row a, block k is the prediction of step k + 1
     */
    record Pass(INDArray contexts, INDArray hidden, INDArray predictions) {
        /** What W_k read: the hidden layer, or the contexts without one. */
        INDArray headsInput() {
            return hidden == null ? contexts : hidden;
        }
    }

    private final int hiddenWidth;

    PredictionHeads(CpcConfig config, ParameterLayout layout) {
        hiddenWidth = config.predictorHidden();
        if (hiddenWidth > 0) {
            double bound = 1.0 / Math.sqrt(config.hidden());
            layout.addUniform(HIDDEN_WEIGHT, bound, config.hidden(), hiddenWidth);
            layout.addUniform(HIDDEN_BIAS, bound, hiddenWidth);
        }
        long in = hiddenWidth > 0 ? hiddenWidth : config.hidden();
        long out = (long) config.stepsAhead() * config.channels();
        double bound = 1.0 / Math.sqrt(in);
        layout.addUniform(WEIGHT, bound, in, out);
        layout.addUniform(BIAS, bound, out);
    }

    /** {@code contexts [A, H]} -> the predictions of every step ahead. */
    Pass forward(ParameterLayout layout, INDArray params, INDArray contexts) {
        INDArray hidden = hiddenWidth == 0 ? null : Transforms.relu(Gemm.times(contexts,
                layout.view(params, HIDDEN_WEIGHT)).addiRowVector(layout.view(params, HIDDEN_BIAS)), false);
        INDArray headsInput = hidden == null ? contexts : hidden;
        return new Pass(contexts, hidden,
                Gemm.times(headsInput, layout.view(params, WEIGHT)).addiRowVector(layout.view(params, BIAS)));
    }

    /**
     * Writes the heads' gradients from {@code dPredictions [A, K*C]}; returns the gradient of the contexts,
     * {@code [A, H]}.
     */
    INDArray backward(ParameterLayout layout, INDArray params, Pass pass, INDArray dPredictions, INDArray grad) {
        Nd4j.gemm(pass.headsInput(), dPredictions, layout.view(grad, WEIGHT), true, false, 1.0, 0.0);
        Gemm.columnSums(dPredictions, layout.view(grad, BIAS));
        INDArray dRead = Gemm.timesTransposed(dPredictions, layout.view(params, WEIGHT));
        if (pass.hidden() == null) {
            return dRead;
        }
        // ReLU: pass where the hidden unit was > 0; sign of a ReLU output is exactly that mask, made in place since
        // the hidden layer has no other reader left
        dRead.muli(Nd4j.exec(new Sign(pass.hidden(), pass.hidden())));
        Nd4j.gemm(pass.contexts(), dRead, layout.view(grad, HIDDEN_WEIGHT), true, false, 1.0, 0.0);
        Gemm.columnSums(dRead, layout.view(grad, HIDDEN_BIAS));
        return Gemm.timesTransposed(dRead, layout.view(params, HIDDEN_WEIGHT));
    }
}
