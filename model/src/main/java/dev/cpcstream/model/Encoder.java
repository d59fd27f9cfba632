package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * g_enc: the strided 1-D conv stack, each layer followed by the per-frame channel norm and a ReLU, mapping a window
 * of {@code L} samples to {@code T} frames z_t of {@code C} channels. The query network and the momentum key
 * encoder run the same code on different parameter vectors of the same layout. Activations are {@code [B, C, T]}.
 *
 * <p>Every activation and activation gradient lives in a {@link ReusedArrays} slot of this encoder, so a pass is
 * valid until the next forward pass; its backward pass keeps z but overwrites the other layers' outputs.
 */
final class Encoder {

    /** Slots per layer: the conv output (normalised in place), the layer output, the gradient of the layer output. */
    private static final int CONV = 0;
    private static final int OUT = 1;
    private static final int GRAD = 2;

    /** The activations one forward pass keeps for its backward pass. */
    static final class Pass {
        INDArray[] unfoldedInput;                                      // the first layer's, per window
        final List<INDArray> inputs = new ArrayList<>();
        final List<ChannelNorm.Saved> norms = new ArrayList<>();
        final List<INDArray> outputs = new ArrayList<>();

        /** z: {@code [B, C, T]}. */
        INDArray z() {
            return outputs.get(outputs.size() - 1);
        }
    }

    private final List<Conv1d> layers = new ArrayList<>();
    private final InputConv1d inputLayer;
    private final boolean channelNorm;
    private final ReusedArrays buffers = new ReusedArrays();

    Encoder(CpcConfig config, ParameterLayout layout) {
        this.channelNorm = config.channelNorm();
        int in = config.inChannels();
        int c = config.channels();
        for (int l = 0; l < config.kernels().length; l++) {
            Conv1d conv = new Conv1d(in, c, config.kernels()[l], config.strides()[l], config.paddings()[l]);
            double bound = 1.0 / Math.sqrt((double) in * conv.kernel);
            layout.addUniform(weight(l), bound, c, (long) in * conv.kernel);
            layout.addUniform(bias(l), bound, c);
            if (channelNorm) {
                layout.addConstant(gain(l), 1.0, c);
                layout.addConstant(shift(l), 0.0, c);
            }
            layers.add(conv);
            in = c;
        }
        this.inputLayer = new InputConv1d(layers.get(0));
    }

    /** {@code x [B, Cin, L]} -> z {@code [B, C, T]}, with what backward needs. */
    Pass forward(ParameterLayout layout, INDArray params, INDArray x) {
        Pass pass = new Pass();
        INDArray input = x;
        for (int l = 0; l < layers.size(); l++) {
            Conv1d conv = layers.get(l);
            INDArray y = buffer(l, CONV, input, conv.outputFrames(input.size(2)));   // [B, C, T_l]
            if (l == 0) {
                pass.unfoldedInput = inputLayer.forward(layout.view(params, weight(l)), layout.view(params, bias(l)),
                        input, y);
            } else {
                conv.forward(layout.view(params, weight(l)), layout.view(params, bias(l)), input, y);
            }
            INDArray out = y;
            ChannelNorm.Saved saved = null;
            if (channelNorm) {
                out = buffer(l, OUT, input, y.size(2));
                saved = ChannelNorm.forward(y, layout.view(params, gain(l)), layout.view(params, shift(l)), out);
            }
            Transforms.relu(out, false);
            pass.inputs.add(input);
            pass.norms.add(saved);
            pass.outputs.add(out);
            input = out;
        }
        return pass;
    }

    /**
     * Backpropagates {@code dz [B, C, T]} through the stack, writing every encoder gradient block of {@code grad}.
     * Overwrites {@code dz} and the activations of every layer but the last.
     */
    void backward(ParameterLayout layout, INDArray params, Pass pass, INDArray dz, INDArray grad) {
        INDArray dOut = dz;
        for (int l = layers.size() - 1; l >= 0; l--) {
            INDArray out = pass.outputs.get(l);
            Nd4j.exec(new RectifiedLinearDerivative(out, dOut, dOut));    // ReLU: pass where the output was > 0
            if (channelNorm) {
                // below the top, out_l fed layer l + 1 only, whose backward is done: it is scratch from here on
                INDArray scratch = l == layers.size() - 1 ? buffer(l, GRAD, out, out.size(2)) : out;
                ChannelNorm.backward(dOut, layout.view(params, gain(l)), pass.norms.get(l), scratch,
                        layout.view(grad, gain(l)), layout.view(grad, shift(l)));
            }
            if (l == 0) {
                inputLayer.backward(pass.unfoldedInput, dOut, layout.view(grad, weight(l)), layout.view(grad, bias(l)));
            } else {
                INDArray input = pass.inputs.get(l);
                INDArray dInput = buffer(l - 1, GRAD, input, input.size(2));
                layers.get(l).backward(layout.view(params, weight(l)), layout.view(params, bias(l)), input, dOut,
                        dInput, layout.view(grad, weight(l)), layout.view(grad, bias(l)));
                dOut = dInput;
            }
        }
    }

    /** Layer {@code l}'s slot {@code kind}, {@code [B, C, frames]}, in the type of {@code like}. */
    private INDArray buffer(int l, int kind, INDArray like, long frames) {
        return buffers.get(3 * l + kind, like.dataType(), like.size(0), layers.get(l).outChannels, frames);
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
