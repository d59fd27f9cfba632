package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.Gemm;
import dev.cpcstream.model.nd4j.HostCopies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * g_ar: a GRU over the frames z_t, giving the context c_t (PyTorch's gate equations and gate order r, z, n):
 * <pre>
 *   r = sigmoid(x W_ir + b_ir + h W_hr + b_hr)      z = sigmoid(x W_iz + b_iz + h W_hz + b_hz)
 *   n = tanh(x W_in + b_in + r * (h W_hn + b_hn))  h' = (1 - z) * n + z * h
 * </pre>
 * The input projections of all time steps are one gemm, and so are the weight gradients; per time step only the
 * recurrent {@code [B, H] x [H, 3H]} product runs in ND4J. The gate arithmetic of a step (a few thousand numbers)
 * runs as plain Java loops: as a dozen ND4J ops it costs more in per-op dispatch and thread wake-ups than in math.
 * Sequences are time-major, {@code [T, B, *]}, and the per-step caches are Java arrays in double precision.
 */
final class ContextModel {

    static final String WEIGHT_IH = "g_ar.weight_ih";
    static final String WEIGHT_HH = "g_ar.weight_hh";
    static final String BIAS_IH = "g_ar.bias_ih";
    static final String BIAS_HH = "g_ar.bias_hh";

    /** What a forward pass keeps: inputs, gates r, z, n per step, the recurrent n-projection, and every h. */
    static final class Pass {
        INDArray inputs;        // [T*B, C]
        double[] initial;       // [B*H]
        double[] gates;         // [T*B*3H]: r, z, n
        double[] recurrentN;    // [T*B*H]: h W_hn + b_hn, which r multiplies
        double[] hiddenValues;  // [T*B*H]
        INDArray hidden;        // [T, B, H]: c_t

        INDArray context(int t) {
            return hidden.slice(t);
        }

        /** The array holding h_{t-1}: the initial state for t = 0, else {@link #hiddenValues}. */
        double[] statesBefore(int t) {
            return t == 0 ? initial : hiddenValues;
        }

        /** Where h_{t-1} starts in {@link #statesBefore}; {@code stepSize} is B*H. */
        int stateOffset(int t, int stepSize) {
            return t == 0 ? 0 : (t - 1) * stepSize;
        }
    }

    private final int hidden;

    ContextModel(CpcConfig config, ParameterLayout layout) {
        this.hidden = config.hidden();
        int c = config.channels();
        double bound = 1.0 / Math.sqrt(hidden);
        layout.addUniform(WEIGHT_IH, bound, c, 3L * hidden);
        layout.addUniform(WEIGHT_HH, bound, hidden, 3L * hidden);
        layout.addUniform(BIAS_IH, bound, 3L * hidden);
        layout.addUniform(BIAS_HH, bound, 3L * hidden);
    }

    /** {@code inputs [T*B, C]} (time-major rows), {@code initial [B, H]} -> the pass, with c_t for every t. */
    Pass forward(ParameterLayout layout, INDArray params, INDArray inputs, INDArray initial, int frames) {
        INDArray wHh = layout.view(params, WEIGHT_HH);
        INDArray bHh = layout.view(params, BIAS_HH);
        int batch = (int) initial.size(0);
        int h3 = 3 * hidden;
        int stepSize = batch * hidden;
        Pass pass = new Pass();
        pass.inputs = inputs;
        pass.initial = HostCopies.values(initial);
        // [T*B, C] . [C, 3H]: every step's input projection at once; becomes the gates in place
        pass.gates = HostCopies.values(Gemm.times(inputs, layout.view(params, WEIGHT_IH)).addiRowVector(layout.view(params, BIAS_IH)));
        pass.recurrentN = new double[frames * stepSize];
        pass.hiddenValues = new double[frames * stepSize];
        double[] bRec = HostCopies.values(bHh);
        // the step's operands, reused: a fresh array per step cost more than the product itself
        INDArray hPrev = Nd4j.create(params.dataType(), batch, hidden);
        INDArray recurrent = Nd4j.create(params.dataType(), batch, h3);
        double[] hp = new double[batch * h3];
        for (int t = 0; t < frames; t++) {
            HostCopies.write(pass.statesBefore(t), pass.stateOffset(t, batch * hidden), hPrev);
            Nd4j.gemm(hPrev, wHh, recurrent, false, false, 1.0, 0.0);            // [B, H] . [H, 3H]
            HostCopies.read(recurrent, hp);
            forwardGates(pass, t, batch, hp, bRec);
        }
        pass.hidden = HostCopies.matrix(pass.hiddenValues, params.dataType(), frames, batch, hidden);
        return pass;
    }

    /**
     * Backpropagation through time from {@code dHidden [T, B, H]} (the loss's gradient on every c_t), writing the GRU's
     * gradient blocks and returning the gradient of the inputs, {@code [T*B, C]}. The initial state is treated as a
     * constant: a carried state is detached (truncated BPTT at window borders).
     */
    INDArray backward(ParameterLayout layout, INDArray params, Pass pass, INDArray dHidden, INDArray grad) {
        INDArray wHh = layout.view(params, WEIGHT_HH);
        int frames = (int) dHidden.size(0);
        int batch = (int) dHidden.size(1);
        int h3 = 3 * hidden;
        int stepSize = batch * hidden;
        double[] dOutputs = HostCopies.values(dHidden);
        double[] dGatesIn = new double[frames * batch * h3];    // d(x-projection)
        double[] dGatesRec = new double[frames * batch * h3];   // d(h-projection)
        double[] dh = new double[stepSize];
        INDArray dRecurrent = Nd4j.create(params.dataType(), batch, h3);
        INDArray throughWeights = Nd4j.create(params.dataType(), batch, hidden);
        double[] back = new double[stepSize];
        for (int t = frames - 1; t >= 0; t--) {
            backwardGates(pass, t, batch, dOutputs, dh, dGatesIn, dGatesRec);
            HostCopies.write(dGatesRec, t * batch * h3, dRecurrent);
            Nd4j.gemm(dRecurrent, wHh, throughWeights, false, true, 1.0, 0.0);     // [B, 3H] . [3H, H]
            HostCopies.read(throughWeights, back);
            for (int i = 0; i < stepSize; i++) {
                dh[i] += back[i];
            }
        }
        long rows = (long) frames * batch;
        INDArray dIn = HostCopies.matrix(dGatesIn, params.dataType(), rows, h3);
        INDArray dRec = HostCopies.matrix(dGatesRec, params.dataType(), rows, h3);
        Nd4j.gemm(previousStates(pass, frames, stepSize, params), dRec, layout.view(grad, WEIGHT_HH), true, false, 1.0, 0.0);
        Gemm.columnSums(dRec, layout.view(grad, BIAS_HH));
        Nd4j.gemm(pass.inputs, dIn, layout.view(grad, WEIGHT_IH), true, false, 1.0, 0.0);
        Gemm.columnSums(dIn, layout.view(grad, BIAS_IH));
        return Gemm.timesTransposed(dIn, layout.view(params, WEIGHT_IH));    // [T*B, 3H] . [3H, C]
    }

    /*
     * The gate arithmetic of one time step, a method of its own: as a small method called every step the JIT
     * compiles it early and keeps it compiled, which it does not do for the same code inside the long time loops.
     */

    /** Step t's gates and h_t from its input projection (in pass.gates) and {@code hp = h_{t-1} W_hh}. */
    private void forwardGates(Pass pass, int t, int batch, double[] hp, double[] bRec) {
        int h3 = 3 * hidden;
        int stepSize = batch * hidden;
        double[] h = pass.statesBefore(t);
        int previous = pass.stateOffset(t, stepSize);
        for (int b = 0; b < batch; b++) {
            int g = (t * batch + b) * h3;
            int o = t * stepSize + b * hidden;
            int p = b * h3;
            for (int j = 0; j < hidden; j++) {
                double r = sigmoid(pass.gates[g + j] + hp[p + j] + bRec[j]);
                double z = sigmoid(pass.gates[g + hidden + j] + hp[p + hidden + j] + bRec[hidden + j]);
                double hn = hp[p + 2 * hidden + j] + bRec[2 * hidden + j];
                double n = tanh(pass.gates[g + 2 * hidden + j] + r * hn);
                pass.gates[g + j] = r;
                pass.gates[g + hidden + j] = z;
                pass.gates[g + 2 * hidden + j] = n;
                pass.recurrentN[o + j] = hn;
                pass.hiddenValues[o + j] = n + z * (h[previous + b * hidden + j] - n);
            }
        }
    }

    /**
     * Step t's gate gradients into {@code dGatesIn} and {@code dGatesRec}, from {@code dh} (the gradient reaching
     * h_t from later steps), which becomes the part of h_{t-1}'s gradient that bypasses W_hh.
     */
    private void backwardGates(Pass pass, int t, int batch, double[] dOutputs, double[] dh, double[] dGatesIn,
                               double[] dGatesRec) {
        int h3 = 3 * hidden;
        int stepSize = batch * hidden;
        double[] h = pass.statesBefore(t);
        int previous = pass.stateOffset(t, stepSize);
        for (int b = 0; b < batch; b++) {
            int g = (t * batch + b) * h3;
            int o = t * stepSize + b * hidden;
            for (int j = 0; j < hidden; j++) {
                int i = b * hidden + j;
                double hPrev = h[previous + i];
                double r = pass.gates[g + j];
                double z = pass.gates[g + hidden + j];
                double n = pass.gates[g + 2 * hidden + j];
                double d = dh[i] + dOutputs[o + j];
                double dPreN = d * (1 - z) * (1 - n * n);
                double dPreR = dPreN * pass.recurrentN[o + j] * r * (1 - r);
                double dPreZ = d * (hPrev - n) * z * (1 - z);
                dGatesIn[g + j] = dPreR;
                dGatesIn[g + hidden + j] = dPreZ;
                dGatesIn[g + 2 * hidden + j] = dPreN;
                dGatesRec[g + j] = dPreR;
                dGatesRec[g + hidden + j] = dPreZ;
                dGatesRec[g + 2 * hidden + j] = dPreN * r;
                dh[i] = d * z;                                   // the direct path h' = ... + z * h
            }
        }
    }

    /** h_{t-1} for every t, {@code [T*B, H]}: the initial state, then every output but the last. */
    private INDArray previousStates(Pass pass, int frames, int stepSize, INDArray params) {
        double[] previous = new double[frames * stepSize];
        System.arraycopy(pass.initial, 0, previous, 0, stepSize);
        System.arraycopy(pass.hiddenValues, 0, previous, stepSize, (frames - 1) * stepSize);
        return HostCopies.matrix(previous, params.dataType(), (long) frames * stepSize / hidden, hidden);
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /**
     * tanh through one {@code Math.exp}, which the JIT compiles to a few instructions; {@code Math.tanh} calls into
     * fdlibm, slow enough to dominate the forward gate arithmetic. Within 1e-16 of it absolutely, which the
     * double-precision gradient check cannot tell apart.
     */
    static double tanh(double x) {
        double e = Math.exp(-2.0 * Math.abs(x));
        return Math.copySign((1.0 - e) / (1.0 + e), x);
    }
}
