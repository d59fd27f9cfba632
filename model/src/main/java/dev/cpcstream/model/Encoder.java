package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * g_enc: the strided 1-D conv stack, each layer followed by the per-frame channel norm and a ReLU, mapping a window
 * of {@code L} samples to {@code T} frames z_t of {@code C} channels. The query network and the momentum key
 * encoder run the same code on different parameter vectors of the same layout. Activations are {@code [B, C, T]}.
 */
final class Encoder {

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
            INDArray y;
            if (l == 0) {
                INDArray[][] unfolded = new INDArray[1][];
                y = inputLayer.forward(layout.view(params, weight(l)), layout.view(params, bias(l)), input, unfolded);
                pass.unfoldedInput = unfolded[0];
            } else {
                y = layers.get(l).forward(layout.view(params, weight(l)), layout.view(params, bias(l)), input);
            }
            ChannelNorm.Saved[] saved = new ChannelNorm.Saved[1];
            if (channelNorm) {
                y = ChannelNorm.forward(y, layout.view(params, gain(l)), layout.view(params, shift(l)), saved);
            }
            INDArray out = Transforms.relu(y, false);
            pass.inputs.add(input);
            pass.norms.add(saved[0]);
            pass.outputs.add(out);
            input = out;
        }
        return pass;
    }

    /** Backpropagates {@code dz [B, C, T]} through the stack, writing every encoder gradient block of {@code grad}. */
    void backward(ParameterLayout layout, INDArray params, Pass pass, INDArray dz, INDArray grad) {
        INDArray dOut = dz;
        for (int l = layers.size() - 1; l >= 0; l--) {
            INDArray dy = dOut.muli(Transforms.step(pass.outputs.get(l)));  // ReLU: pass where the output was > 0
            if (channelNorm) {
                dy = ChannelNorm.backward(dy, layout.view(params, gain(l)), pass.norms.get(l),
                        layout.view(grad, gain(l)), layout.view(grad, shift(l)));
            }
            if (l == 0) {
                inputLayer.backward(pass.unfoldedInput, dy, layout.view(grad, weight(l)), layout.view(grad, bias(l)));
            } else {
                dOut = layers.get(l).backward(layout.view(params, weight(l)), layout.view(params, bias(l)),
                        pass.inputs.get(l), dy, layout.view(grad, weight(l)), layout.view(grad, bias(l)));
            }
        }
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
