package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.ReusedArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * g_enc: the strided 1-D conv stack, each layer followed by the per-frame channel norm and a ReLU, mapping a window
 * of {@code L} samples to {@code T} frames z_t of {@code C} channels. The query network and the momentum key
 * encoder run the same code on different parameter vectors of the same layout.
 *
 * <p>Activations are channels-last, {@code [B, rows, C]}: each conv layer is then a few plain gemms ({@link Conv1d})
 * and each frame's channels are contiguous for the norm. Layer l's output has R_l rows per window, its frames
 * starting at row p_{l+1}, every other row zero: exactly the zero-padded input layer l + 1 reads, so no layer copies
 * its output into the next one's input. That takes {@code R_l = s_{l+1} * R_{l+1}}; the last layer's R is the least
 * that fits every layer ({@link #rowsPerWindow}; the paper's first layer computes 4128 rows per window for 4096
 * frames). Every activation and activation gradient lives in a {@link ReusedArrays} slot of this encoder, so a pass
 * is valid until the next forward pass; its backward pass keeps z but overwrites the other layers' outputs.
 */
final class Encoder {

    /** Slots per layer in {@link #buffers}. */
    private static final int PADDED_SAMPLES = 0; // the first layer's input, [B, s*R, Cin]
    private static final int BLOCKS = 1;         // the weight and zero taps, [q*s*Cin, Cout], when k < q*s
    private static final int CONV = 2;           // [B, R, C], normalised in place
    private static final int OUT = 3;            // [B, R, C], after norm and ReLU: the next layer's padded input
    private static final int GRAD_OUT = 4;       // the last layer's [B, R, C]; below it, the next GRAD_INPUT
    private static final int GRAD_INPUT = 5;     // [B, s*R, Cin]
    private static final int GRAD_BLOCKS = 6;    // [q, C, s*Cin]
    private static final int SCRATCH = 7;        // [B, R, C]
    private static final int SLOTS = 8;

    /** The activations one forward pass keeps for its backward pass, per layer. */
    static final class Pass {
        final List<INDArray> paddedInputs = new ArrayList<>();
        final List<INDArray> blocks = new ArrayList<>();
        final List<ChannelNorm.Saved> norms = new ArrayList<>();
        final List<INDArray> outputs = new ArrayList<>();
        /** The first layer's, when its norm is folded into its conv ({@link #foldsNorm}). */
        FoldedInputLayer.Saved input;
        int frames;

        /** z: {@code [B, T, C]}, a view of the last layer's output. */
        INDArray z() {
            return outputs.get(outputs.size() - 1).get(NDArrayIndex.all(), NDArrayIndex.interval(0, frames),
                    NDArrayIndex.all());
        }
    }

    /** The element order of the conv weights, as checkpoints record it: {@code [k, Cin, Cout]}. */
    static final String WEIGHT_ORDER = "tap,in,out";

    private final List<Conv1d> layers = new ArrayList<>();
    private final boolean channelNorm;
    private final ReusedArrays buffers = new ReusedArrays();

    Encoder(CpcConfig config, ParameterLayout layout) {
        this.channelNorm = config.channelNorm();
        int in = config.featureChannels();
        int c = config.channels();
        for (int l = 0; l < config.kernels().length; l++) {
            Conv1d conv = new Conv1d(in, c, config.kernels()[l], config.strides()[l], config.paddings()[l]);
            double bound = 1.0 / Math.sqrt((double) in * conv.kernel);
            layout.addUniform(weight(l), bound, conv.kernel, in, c);              // [k, Cin, Cout], see Conv1d
            layout.addUniform(bias(l), bound, c);
            if (channelNorm) {
                layout.addConstant(gain(l), 1.0, c);
                layout.addConstant(shift(l), 0.0, c);
            }
            layers.add(conv);
            in = c;
        }
    }

    /**
     * Reorders every conv weight in {@code flat} (a vector of this layout, or its encoder prefix) from PyTorch's
     * {@code [Cout, Cin, k]}, the order of checkpoints written before {@link #WEIGHT_ORDER} was recorded.
     */
    static void fromPyTorchOrder(ParameterLayout layout, INDArray flat) {
        for (ParameterLayout.Block block : layout.blocks()) {
            if (block.name().matches("g_enc\\.\\d+\\.weight")) {
                long[] shape = block.shape();                                              // [k, Cin, Cout]
                INDArray weight = layout.view(flat, block.name());
                weight.assign(weight.dup().reshape('c', shape[2], shape[1], shape[0]).permute(2, 1, 0));
            }
        }
    }

    /** {@code x [B, Cin, L]} -> z {@code [B, T, C]}, with what backward needs. */
    Pass forward(ParameterLayout layout, INDArray params, INDArray x) {
        Pass pass = new Pass();
        long batch = x.size(0);
        int[] frames = outputFrames(x.size(2));
        int[] rows = rowsPerWindow(frames);
        Conv1d first = layers.get(0);
        INDArray padded = buffer(0, PADDED_SAMPLES, x, batch, (long) first.stride * rows[0], first.inChannels);
        first.pad(x.permute(0, 2, 1), padded);                                   // [B, Cin, L] -> [B, L, Cin]
        for (int l = 0; l < layers.size(); l++) {
            Conv1d conv = layers.get(l);
            int layer = l;
            INDArray blocks = conv.blocks(layout.view(params, weight(l)),
                    () -> buffer(layer, BLOCKS, x, (long) conv.blocks * conv.stride * conv.inChannels, conv.outChannels));
            INDArray out = buffer(l, OUT, x, batch, rows[l], conv.outChannels);  // [B, R, C]
            ChannelNorm.Saved saved = null;
            if (foldsNorm(l)) {
                pass.input = FoldedInputLayer.forward(conv, blocks, layout.view(params, bias(l)),
                        layout.view(params, gain(l)), layout.view(params, shift(l)), padded, out, frameOffset(l));
            } else if (channelNorm) {
                INDArray y = buffer(l, CONV, x, batch, rows[l], conv.outChannels);
                conv.forward(blocks, layout.view(params, bias(l)), padded, y, frameOffset(l), frames[l]);
                saved = ChannelNorm.forward(asFrames(y), layout.view(params, gain(l)), layout.view(params, shift(l)),
                        asFrames(out));
            } else {
                conv.forward(blocks, layout.view(params, bias(l)), padded, out, frameOffset(l), frames[l]);
            }
            Transforms.relu(out, false);
            Conv1d.zeroOutsideFrames(out, frameOffset(l), frames[l]);                  // the next layer's zero padding
            pass.paddedInputs.add(padded);
            pass.blocks.add(blocks);
            pass.norms.add(saved);
            pass.outputs.add(out);
            padded = out;
        }
        pass.frames = frames[layers.size() - 1];
        return pass;
    }

    /**
     * Backpropagates {@code dz [B, T, C]} (any view) through the stack, writing every encoder gradient block of
     * {@code grad}. Overwrites the activations of every layer but the last.
     */
    void backward(ParameterLayout layout, INDArray params, Pass pass, INDArray dz, INDArray grad) {
        int top = layers.size() - 1;
        INDArray topOut = pass.outputs.get(top);
        INDArray dOut = buffer(top, GRAD_OUT, topOut, topOut.shape());
        dOut.get(NDArrayIndex.all(), NDArrayIndex.interval(0, pass.frames), NDArrayIndex.all()).assign(dz);
        Conv1d.zeroOutsideFrames(dOut, 0, pass.frames);
        for (int l = top; l >= 0; l--) {
            Conv1d conv = layers.get(l);
            INDArray out = pass.outputs.get(l);
            // below the top, out_l fed layer l + 1 only, whose backward is done: it is scratch from here on
            INDArray scratch = l == top ? buffer(l, SCRATCH, out, out.shape()) : out;
            // ReLU: pass where the output was > 0. sign(out), out >= 0, is that mask (cheaper than relu's
            // derivative op), and it also zeroes the rows that hold no frame
            dOut.muli(Nd4j.exec(new Sign(out, scratch)));
            if (foldsNorm(l)) {
                FoldedInputLayer.backward(conv, pass.input, layout.view(params, gain(l)), dOut, frameOffset(l),
                        layout.view(grad, weight(l)), layout.view(grad, bias(l)), layout.view(grad, gain(l)),
                        layout.view(grad, shift(l)));
                continue;                                                        // the first layer: done
            }
            if (channelNorm) {
                ChannelNorm.backward(asFrames(dOut), layout.view(params, gain(l)), pass.norms.get(l), asFrames(scratch),
                        layout.view(grad, gain(l)), layout.view(grad, shift(l)));
            }
            INDArray padded = pass.paddedInputs.get(l);
            INDArray dPadded = l == 0 ? null : buffer(l, GRAD_INPUT, padded, padded.shape());
            INDArray dBlocks = buffer(l, GRAD_BLOCKS, out, conv.blocks, conv.outChannels, (long) conv.stride * conv.inChannels);
            conv.backward(pass.blocks.get(l), padded, dOut, frameOffset(l), dPadded, layout.view(grad, weight(l)),
                    layout.view(grad, bias(l)), dBlocks);
            dOut = dPadded;                                                      // layer l - 1's output gradient
        }
    }

    /**
     * The first layer needs no input gradient and reads few inputs per frame: its norm is cheaper folded into its
     * conv ({@link FoldedInputLayer}).
     */
    private boolean foldsNorm(int l) {
        return channelNorm && l == 0;
    }

    /** Tout of every layer for windows of {@code samples} samples. */
    private int[] outputFrames(long samples) {
        int[] frames = new int[layers.size()];
        long in = samples;
        for (int l = 0; l < layers.size(); l++) {
            frames[l] = layers.get(l).outputFrames(in);
            in = frames[l];
        }
        return frames;
    }

    /**
     * R_l for every layer: {@code R_l = s_{l+1} * R_{l+1}}, the top's R the least for which every layer holds its
     * frames after its shift and its gemms' q - 1 extra rows.
     */
    private int[] rowsPerWindow(int[] frames) {
        int top = layers.size() - 1;
        int[] rows = new int[layers.size()];
        rows[top] = layers.get(top).minimumRows(frames[top]);
        for (int l = top - 1; l >= 0; l--) {
            long stride = 1;
            for (int m = l + 1; m <= top; m++) {
                stride *= layers.get(m).stride;
            }
            long needed = Math.max(layers.get(l).minimumRows(frames[l]), frameOffset(l) + frames[l]);
            rows[top] = (int) Math.max(rows[top], (needed + stride - 1) / stride);
        }
        for (int l = top - 1; l >= 0; l--) {
            rows[l] = layers.get(l + 1).stride * rows[l + 1];
        }
        return rows;
    }

    /** Where layer l's first frame sits in its output rows: the next layer's padding (0 at the top). */
    private int frameOffset(int l) {
        return l + 1 < layers.size() ? layers.get(l + 1).padding : 0;
    }

    /** Layer {@code l}'s slot {@code kind} at {@code shape}, in the type of {@code like}. */
    private INDArray buffer(int l, int kind, INDArray like, long... shape) {
        return buffers.get(SLOTS * l + kind, like.dataType(), shape);
    }

    /** {@code [B, R, C]} -> its frames as rows, {@code [B*R, C]}: the same memory. */
    private static INDArray asFrames(INDArray a) {
        return a.reshape('c', a.size(0) * a.size(1), a.size(2));
    }

    private static String weight(int l) {
        return "g_enc." + l + ".weight";
    }

    private static String bias(int l) {
        return "g_enc." + l + ".bias";
    }

    private static String gain(int l) {
        return "g_enc." + l + ".norm.gain";
    }

    private static String shift(int l) {
        return "g_enc." + l + ".norm.shift";
    }
}
