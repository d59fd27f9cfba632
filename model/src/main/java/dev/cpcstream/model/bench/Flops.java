package dev.cpcstream.model.bench;

import dev.cpcstream.model.CpcConfig;

/** FLOPs of one training step, counted exactly as the PyTorch peer counts them so achieved GFLOP/s compare. */
final class Flops {

    private Flops() {
    }

    /** Forward FLOPs of the query path x3 (forward + backward), plus the key encoder's forward. */
    static double perTrainingStep(CpcConfig c, int batch) {
        double conv = 0;
        long in = c.frontEnd().featureSteps(c.window(), c.sampleRate());
        long inChannels = c.featureChannels();
        for (int l = 0; l < c.kernels().length; l++) {
            long out = (in + 2L * c.paddings()[l] - c.kernels()[l]) / c.strides()[l] + 1;
            conv += 2.0 * inChannels * c.channels() * c.kernels()[l] * out * batch;
            in = out;
            inChannels = c.channels();
        }
        long frames = c.frames();
        long anchors = frames - c.stepsAhead();
        double gru = 2.0 * 3 * ((double) c.channels() * c.hidden() + (double) c.hidden() * c.hidden()) * frames * batch;
        double heads = 2.0 * c.hidden() * c.stepsAhead() * c.channels() * anchors * batch;
        double scores = 2.0 * c.channels() * (c.negatives() + 1) * anchors * c.stepsAhead() * batch;
        return 3 * (conv + gru + heads + scores) + conv;
    }
}
