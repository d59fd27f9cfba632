package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * g_ar: a GRU over the frames z_t, giving the context c_t (PyTorch's gate equations and gate order r, z, n):
 * <pre>
 *   r = sigmoid(x W_ir + b_ir + h W_hr + b_hr)      z = sigmoid(x W_iz + b_iz + h W_hz + b_hz)
 *   n = tanh(x W_in + b_in + r * (h W_hn + b_hn))  h' = (1 - z) * n + z * h
 * </pre>
 * The input projections of all time steps are one gemm; only the recurrent {@code [B, H] x [H, 3H]} product runs per
 * step. Sequences are time-major, {@code [T, B, *]}, so a step's rows are contiguous.
 */
final class ContextModel {

    static final String WEIGHT_IH = "g_ar.weight_ih";
    static final String WEIGHT_HH = "g_ar.weight_hh";
    static final String BIAS_IH = "g_ar.bias_ih";
    static final String BIAS_HH = "g_ar.bias_hh";

    /** What a forward pass keeps: inputs, gates r, z, n per step, the recurrent n-projection, and every h. */
    static final class Pass {
        INDArray inputs;      // [T*B, C]
        INDArray initial;     // [B, H]
        INDArray gates;       // [T, B, 3H]: r, z, n
        INDArray recurrentN;  // [T, B, H]: h W_hn + b_hn, which r multiplies
        INDArray hidden;      // [T, B, H]: c_t

        INDArray context(int t) {
            return hidden.slice(t);
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
        long batch = initial.size(0);
        Pass pass = new Pass();
        pass.inputs = inputs;
        pass.initial = initial;
        // [T*B, C] . [C, 3H] -> [T, B, 3H]; becomes the gates in place, step by step
        pass.gates = inputs.mmul(layout.view(params, WEIGHT_IH)).addiRowVector(layout.view(params, BIAS_IH))
                .reshape('c', frames, batch, 3L * hidden);
        pass.recurrentN = Nd4j.createUninitialized(inputs.dataType(), frames, batch, hidden);
        pass.hidden = Nd4j.createUninitialized(inputs.dataType(), frames, batch, hidden);
        INDArray h = initial;
        for (int t = 0; t < frames; t++) {
            INDArray g = pass.gates.slice(t);                               // [B, 3H], x-projections on entry
            INDArray hp = h.mmul(wHh).addiRowVector(bHh);                   // [B, 3H]
            INDArray rz = g.get(cols(0, 2)).addi(hp.get(cols(0, 2)));
            Transforms.sigmoid(rz, false);
            INDArray r = g.get(cols(0, 1));
            INDArray z = g.get(cols(1, 2));
            INDArray hn = pass.recurrentN.slice(t).assign(hp.get(cols(2, 3)));
            INDArray n = g.get(cols(2, 3)).addi(r.mul(hn));
            Transforms.tanh(n, false);
            INDArray next = pass.hidden.slice(t).assign(h).subi(n).muli(z).addi(n);  // n + z * (h - n)
            h = next;
        }
        return pass;
    }

    /**
     * Backpropagation through time from {@code dHidden [T, B, H]} (the loss's gradient on every c_t), writing the GRU's
     * gradient blocks and returning the gradient of the inputs, {@code [T*B, C]}. The initial state is treated as a
     * constant: a carried state is detached (truncated BPTT at window borders).
     */
    INDArray backward(ParameterLayout layout, INDArray params, Pass pass, INDArray dHidden, INDArray grad) {
        INDArray wHh = layout.view(params, WEIGHT_HH);
        int frames = (int) pass.gates.size(0);
        long batch = pass.gates.size(1);
        INDArray dGatesIn = Nd4j.createUninitialized(dHidden.dataType(), frames, batch, 3L * hidden);   // d(x-proj)
        INDArray dGatesRec = Nd4j.createUninitialized(dHidden.dataType(), frames, batch, 3L * hidden);  // d(h-proj)
        INDArray previous = Nd4j.createUninitialized(dHidden.dataType(), frames, batch, hidden);         // h_{t-1}
        INDArray dh = Nd4j.zeros(dHidden.dataType(), batch, hidden);
        for (int t = frames - 1; t >= 0; t--) {
            INDArray hPrev = t > 0 ? pass.hidden.slice(t - 1) : pass.initial;
            previous.slice(t).assign(hPrev);
            INDArray g = pass.gates.slice(t);
            INDArray r = g.get(cols(0, 1));
            INDArray z = g.get(cols(1, 2));
            INDArray n = g.get(cols(2, 3));
            dh.addi(dHidden.slice(t));
            INDArray dn = dh.sub(dh.mul(z));                                 // dh * (1 - z)
            INDArray dz = dh.mul(hPrev.sub(n));                              // dh * (h_prev - n)
            INDArray dPreN = dn.muli(n.mul(n).rsubi(1));                     // through tanh
            INDArray dPreR = dPreN.mul(pass.recurrentN.slice(t)).muli(r.sub(r.mul(r)));
            INDArray dPreZ = dz.muli(z.sub(z.mul(z)));
            INDArray din = dGatesIn.slice(t);
            din.get(cols(0, 1)).assign(dPreR);
            din.get(cols(1, 2)).assign(dPreZ);
            din.get(cols(2, 3)).assign(dPreN);
            INDArray drec = dGatesRec.slice(t);
            drec.get(cols(0, 2)).assign(din.get(cols(0, 2)));
            drec.get(cols(2, 3)).assign(dPreN.mul(r));
            dh = dh.muli(z).addi(drec.mmul(wHh.transpose()));              // dh * z + d(h-proj) . W_hh^T
        }
        long rows = (long) frames * batch;
        INDArray dIn2 = dGatesIn.reshape('c', rows, 3L * hidden);
        INDArray dRec2 = dGatesRec.reshape('c', rows, 3L * hidden);
        Nd4j.gemm(previous.reshape('c', rows, hidden), dRec2, layout.view(grad, WEIGHT_HH), true, false, 1.0, 0.0);
        layout.view(grad, BIAS_HH).assign(dRec2.sum(0));
        Nd4j.gemm(pass.inputs, dIn2, layout.view(grad, WEIGHT_IH), true, false, 1.0, 0.0);
        layout.view(grad, BIAS_IH).assign(dIn2.sum(0));
        return dIn2.mmul(layout.view(params, WEIGHT_IH).transpose());       // [T*B, 3H] . [3H, C]
    }

    /** Columns of gate block(s) {@code [from, to)} of a {@code [B, 3H]} matrix. */
    private INDArrayIndex[] cols(int from, int to) {
        return new INDArrayIndex[]{NDArrayIndex.all(), NDArrayIndex.interval((long) from * hidden, (long) to * hidden)};
    }
}
