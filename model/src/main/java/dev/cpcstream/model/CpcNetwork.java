package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.UnitRows;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * The query network of CPC, g_enc -> g_ar -> W_k, with a hand-derived backward pass: given the keys of the future
 * frames, the negatives and (with PCL) the prototypes, one call computes the loss, InfoNCE plus the weighted
 * ProtoNCE term, and writes the gradient of every parameter.
 *
 * <p>Shapes: B windows, L samples, T frames, A = T - K anchors, C channels, H hidden, M = A*B*K predictions.
 */
final class CpcNetwork {

    private final CpcConfig config;
    private final ParameterLayout layout = new ParameterLayout();
    private final Encoder encoder;
    private final ContextModel contextModel;
    private final PredictionHeads heads;
    private final InfoNce infoNce;
    private final OwnFrameInfoNce ownFrameInfoNce;

    /** The contexts of a forward pass and what its backward pass needs. */
    record Forward(Encoder.Pass encoder, ContextModel.Pass context, int frames) {
        /** c_t at the last frame of every window: {@code [B, H]}. */
        INDArray lastContexts() {
            return context.context(frames - 1);
        }

        /** z of every window's last frame, from the query encoder: {@code [B, C]}. */
        INDArray lastFrames() {
            return encoder.z().get(NDArrayIndex.all(), NDArrayIndex.point(frames - 1), NDArrayIndex.all());
        }
    }

    /**
     * @param loss        the loss the gradient is of: InfoNCE plus protoWeight times ProtoNCE
     * @param infoNce     the InfoNCE term
     * @param protoNce    the ProtoNCE term, unweighted; NaN when it was not computed (no prototypes, or weight 0,
     *                    as before protoWarmup)
     * @param correct     {@code [A*B, K]} 1 where the positive won, rows ordered (t, b)
     * @param alignment   see {@link InfoNce.Result}
     * @param forward     the pass, for the window contexts
     */
    record LossAndGradient(double loss, double infoNce, double protoNce, INDArray correct, double alignment,
                           Forward forward) {
    }

    CpcNetwork(CpcConfig config) {
        this.config = config;
        this.encoder = new Encoder(config, layout);
        layout.endEncoder();
        this.contextModel = new ContextModel(config, layout);
        this.heads = new PredictionHeads(config, layout);
        this.infoNce = new InfoNce(config.similarity(), config.tau());
        this.ownFrameInfoNce = new OwnFrameInfoNce(config.similarity(), config.tau());
    }

    ParameterLayout layout() {
        return layout;
    }

    /** Encodes {@code x [B, Cin, L]} with the given (query or key) encoder parameters: z time-major {@code [T*B, C]}. */
    INDArray encode(INDArray params, INDArray x) {
        return timeMajor(encoder.forward(layout, params, x).z());
    }

    /** Keys for the queue and the positives: z of the key encoder, unit-normalised for cosine similarity. */
    INDArray keys(INDArray keyParams, INDArray x) {
        INDArray z = encode(keyParams, x);
        if (config.similarity() == Similarity.COSINE) {
            UnitRows.normalize(z);
        }
        return z;
    }

    /** g_enc then g_ar from {@code initial [B, H]}: every context c_t. */
    Forward forward(INDArray params, INDArray x, INDArray initial) {
        Encoder.Pass enc = encoder.forward(layout, params, x);
        int frames = enc.frames;
        ContextModel.Pass ctx = contextModel.forward(layout, params, timeMajor(enc.z()), initial, frames);
        return new Forward(enc, ctx, frames);
    }

    /**
     * Each window's {@link OwnFrameInfoNce} loss after a forward pass, {@code [B]}; NaN for windows too short to
     * have an anchor K frames before their end.
     */
    double[] ownFrameLosses(INDArray params, Forward fwd) {
        int k = config.stepsAhead();
        long batch = fwd.encoder().z().size(0);
        int anchors = fwd.frames() - k;
        if (anchors < 1) {
            double[] none = new double[(int) batch];
            Arrays.fill(none, Double.NaN);
            return none;
        }
        int stride = OwnFrameInfoNce.anchorStride(anchors);
        INDArray scoredContexts = fwd.context().hidden.get(NDArrayIndex.interval(0, stride, anchors),
                NDArrayIndex.all(), NDArrayIndex.all()).dup('c');                            // [A', B, H]
        long scored = scoredContexts.size(0);
        INDArray contexts = scoredContexts.reshape('c', scored * batch, config.hidden());    // [A'*B, H]
        INDArray predictions = heads.forward(layout, params, contexts).predictions()
                .reshape('c', scored, batch, k, config.channels());                          // [A', B, K, C]
        return ownFrameInfoNce.losses(predictions, fwd.encoder().z(), stride);
    }

    /**
     * Forward, loss and backward. Writes every block of {@code grad} (no accumulation, no need to zero it).
     *
     * @param keys       {@code [T*B, C]} time-major keys of this batch from the key encoder (the positives)
     * @param negatives  {@code [N, C]}
     * @param mask       {@code [M, N]} additive mask on the negative logits, or null
     * @param prototypes  the targets of ProtoNCE, or null for InfoNCE alone
     * @param protoWeight the ProtoNCE term's weight at this step; 0 leaves it out
     */
    LossAndGradient lossAndGradient(INDArray params, INDArray grad, INDArray x, INDArray initial, INDArray keys,
                                    INDArray negatives, INDArray mask, PrototypeLevels prototypes,
                                    double protoWeight) {
        long batch = x.size(0);
        int k = config.stepsAhead();
        long c = config.channels();
        Forward fwd = forward(params, x, initial);
        int anchors = fwd.frames() - k;
        long rows = anchors * batch;
        // contexts of the anchors t < T - K: the first A time slices, [A*B, H]
        INDArray contexts = fwd.context().hidden.get(NDArrayIndex.interval(0, anchors), NDArrayIndex.all(),
                NDArrayIndex.all()).reshape('c', rows, config.hidden());
        PredictionHeads.Pass predicted = heads.forward(layout, params, contexts);
        INDArray predictions = predicted.predictions().reshape('c', rows * k, c);          // [A*B*K, C]
        INDArray positives = positives(keys, anchors, batch);
        InfoNce.Result r = infoNce.compute(predictions, positives, negatives, mask);
        ProtoNce.Result p = prototypes != null && protoWeight > 0 ? ProtoNce.compute(predictions, positives, prototypes) : null;
        INDArray dPredictions = r.dPredictions();                                       // [A*B*K, C]
        if (p != null) {
            dPredictions.addi(p.dPredictions().muli(protoWeight));
        }

        INDArray dContexts = heads.backward(layout, params, predicted, dPredictions.reshape('c', rows, k * c), grad);
        INDArray dHidden = Nd4j.zeros(x.dataType(), fwd.frames(), batch, config.hidden());
        dHidden.get(NDArrayIndex.interval(0, anchors), NDArrayIndex.all(), NDArrayIndex.all())
                .assign(dContexts.reshape('c', anchors, batch, config.hidden()));
        INDArray dInputs = contextModel.backward(layout, params, fwd.context(), dHidden, grad);  // [T*B, C]
        encoder.backward(layout, params, fwd.encoder(), byWindow(dInputs, fwd.frames(), batch), grad);
        double loss = p == null ? r.loss() : r.loss() + protoWeight * p.loss();
        return new LossAndGradient(loss, r.loss(), p == null ? Double.NaN : p.loss(), r.correct().reshape('c', rows, k),
                r.alignment(), fwd);
    }

    /** The positive of prediction (t, b, k) is the key of frame t + k + 1 of window b: {@code [A*B*K, C]}. */
    private INDArray positives(INDArray keys, int anchors, long batch) {
        int k = config.stepsAhead();
        long c = config.channels();
        INDArray p = Nd4j.createUninitialized(keys.dataType(), anchors * batch, k, c);
        for (int step = 1; step <= k; step++) {
            p.get(NDArrayIndex.all(), NDArrayIndex.point(step - 1), NDArrayIndex.all())
                    .assign(keys.get(NDArrayIndex.interval(step * batch, (step + anchors) * batch), NDArrayIndex.all()));
        }
        return p.reshape('c', anchors * batch * k, c);
    }

    /** {@code [B, T, C]} -> {@code [T*B, C]} (rows (t, b)). */
    private static INDArray timeMajor(INDArray z) {
        return z.permute(1, 0, 2).dup('c').reshape('c', z.size(1) * z.size(0), z.size(2));
    }

    /** The inverse of {@link #timeMajor}, as a view: {@code [T*B, C]} -> {@code [B, T, C]}. */
    private static INDArray byWindow(INDArray rows, int frames, long batch) {
        return rows.reshape('c', frames, batch, rows.size(1)).permute(1, 0, 2);
    }
}
