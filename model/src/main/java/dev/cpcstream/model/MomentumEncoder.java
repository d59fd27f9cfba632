package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * MoCo's key encoder: a copy of g_enc that follows the query encoder slowly,
 * {@code theta_k <- m theta_k + (1 - m) theta_q}, so keys written to the queue many steps apart stay comparable.
 * Its parameters are the encoder prefix of the {@link ParameterLayout}.
 */
final class MomentumEncoder {

    private final INDArray keyParams;   // [encoderLength], never trained by gradients
    private final long encoderLength;
    private final double m;

    MomentumEncoder(INDArray keyParams, long encoderLength, double m) {
        this.keyParams = keyParams;
        this.encoderLength = encoderLength;
        this.m = m;
    }

    /** A key encoder starting as an exact copy of the query encoder (MoCo initialises theta_k = theta_q). */
    static MomentumEncoder copyOf(INDArray queryParams, long encoderLength, double m) {
        return new MomentumEncoder(querySlice(queryParams, encoderLength).dup(), encoderLength, m);
    }

    /**
     * One momentum step, as a new array: MoCo runs it before every key pass, but the key encoder takes it only through
     * {@link #accept}, so a step that is skipped leaves the key encoder where it was.
     */
    INDArray momentumStep(INDArray queryParams) {
        return keyParams.mul(m).addi(querySlice(queryParams, encoderLength).mul(1.0 - m));
    }

    /** Makes a {@link #momentumStep} the key encoder's parameters. */
    void accept(INDArray stepped) {
        keyParams.assign(stepped);
    }

    INDArray params() {
        return keyParams;
    }

    private static INDArray querySlice(INDArray queryParams, long encoderLength) {
        return queryParams.get(NDArrayIndex.interval(0, encoderLength));
    }
}
