package dev.cpcstream.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-derived backward pass against central finite differences of the full loss (InfoNCE, plus ProtoNCE when
 * the config has prototypes, over in-batch negatives and their mask when it has batchNegatives), in double precision,
 * for sampled entries of every parameter block (conv, norm, GRU, heads, and the predictor's hidden layer when it has
 * one).
 */
class GradientCheckTest {

    private static final double EPS = 1e-6;
    private static final double TOLERANCE = 1e-5;
    private static final int ENTRIES_PER_BLOCK = 4;
    private static final double PROTO_WEIGHT = 0.5;

    /** Granularities are written with '/' in the sources, the setting's ',' being CSV's separator. */
    @ParameterizedTest(name = "similarity={0} channelNorm={1} prototypes={2} batchNegatives={3} predictorHidden={4}")
    @CsvSource({"cosine,true,0,false,0", "dot,true,0,false,0", "cosine,false,0,false,0", "cosine,true,6,false,0",
            "cosine,true,3/6,false,0", "cosine,true,0,true,0", "cosine,true,0,false,12", "dot,true,0,false,12",
            "cosine,true,6,false,12"})
    void backwardMatchesFiniteDifferences(String similarity, boolean channelNorm, String granularities,
                                          boolean batchNegatives, int predictorHidden) {
        CpcConfig config = config(similarity, channelNorm, granularities.replace('/', ','), batchNegatives,
                predictorHidden);
        CpcNetwork network = new CpcNetwork(config);
        ParameterLayout layout = network.layout();
        SplittableRandom rng = new SplittableRandom(7);
        INDArray params = ParameterInit.uniform(layout, 3, DataType.DOUBLE);
        INDArray keyParams = params.get(NDArrayIndex.interval(0, layout.encoderLength())).add(random(rng, layout.encoderLength()).muli(0.01));
        int batch = 2;
        INDArray x = random(rng, batch * config.window()).reshape(batch, 1, config.window());
        INDArray initial = random(rng, batch * config.hidden()).reshape(batch, config.hidden()).muli(0.1);
        INDArray keys = network.keys(keyParams, x);
        INDArray queueNegatives = random(rng, (long) config.negatives() * config.channels())
                .reshape(config.negatives(), config.channels());
        // clustered from the batch's keys and the negatives, as the learner clusters its queue
        PrototypeLevels prototypes = config.prototypeCount() == 0 ? null : PrototypeLevels.seed(
                Nd4j.concat(0, keys, queueNegatives), config.prototypes(), config.tau(), new SplittableRandom(5));
        InBatchNegatives inBatch = batchNegatives
                ? InBatchNegatives.draw(queueNegatives, keys, batch, config, new SplittableRandom(11)) : null;
        INDArray negatives = inBatch == null ? queueNegatives : inBatch.negatives();
        INDArray mask = inBatch == null ? null : inBatch.mask();

        INDArray grad = Nd4j.zeros(DataType.DOUBLE, layout.length());
        network.lossAndGradient(params, grad, x, initial, keys, negatives, mask, prototypes, PROTO_WEIGHT);

        List<String> failures = new ArrayList<>();
        for (ParameterLayout.Block block : layout.blocks()) {
            for (int e = 0; e < ENTRIES_PER_BLOCK; e++) {
                long i = block.offset() + rng.nextLong(block.length());
                double original = params.getDouble(i);
                params.putScalar(i, original + EPS);
                double plus = loss(network, params, x, initial, keys, negatives, mask, prototypes);
                params.putScalar(i, original - EPS);
                double minus = loss(network, params, x, initial, keys, negatives, mask, prototypes);
                params.putScalar(i, original);
                double numeric = (plus - minus) / (2 * EPS);
                double analytic = grad.getDouble(i);
                double error = Math.abs(numeric - analytic) / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic));
                if (error > TOLERANCE && Math.abs(numeric - analytic) > 1e-9) {
                    failures.add(block.name() + "[" + (i - block.offset()) + "] analytic " + analytic + " numeric " + numeric);
                }
            }
        }
        assertTrue(failures.isEmpty(), "gradient mismatches:\n" + String.join("\n", failures));
    }

    /**
     * A one-window batch draws every in-batch key from the anchors' own window, so the mask must hide them all: loss
     * and gradient as if only the queue's negatives were there. Without the mask they would count as negatives.
     */
    @ParameterizedTest(name = "similarity={0}")
    @CsvSource({"cosine", "dot"})
    void ownWindowKeysAreMaskedOut(String similarity) {
        CpcConfig config = config(similarity, true, "0", true, 0);
        CpcNetwork network = new CpcNetwork(config);
        SplittableRandom rng = new SplittableRandom(13);
        INDArray params = ParameterInit.uniform(network.layout(), 3, DataType.DOUBLE);
        INDArray x = random(rng, config.window()).reshape(1, 1, config.window());
        INDArray initial = Nd4j.zeros(DataType.DOUBLE, 1, config.hidden());
        INDArray keys = network.keys(params.get(NDArrayIndex.interval(0, network.layout().encoderLength())), x);
        INDArray queueNegatives = random(rng, (long) config.negatives() * config.channels())
                .reshape(config.negatives(), config.channels());
        InBatchNegatives inBatch = InBatchNegatives.draw(queueNegatives, keys, 1, config, rng);

        INDArray gradQueueOnly = Nd4j.zeros(DataType.DOUBLE, params.length());
        double queueOnly = network.lossAndGradient(params, gradQueueOnly, x, initial, keys, queueNegatives, null,
                null, 0.0).loss();
        INDArray gradMasked = Nd4j.zeros(DataType.DOUBLE, params.length());
        double masked = network.lossAndGradient(params, gradMasked, x, initial, keys, inBatch.negatives(),
                inBatch.mask(), null, 0.0).loss();

        assertEquals(queueOnly, masked, 1e-12 * queueOnly, "loss with the own window's keys masked");
        double gradError = gradMasked.sub(gradQueueOnly).norm2Number().doubleValue();
        assertTrue(gradError <= 1e-12 * gradQueueOnly.norm2Number().doubleValue(), "gradient differs by " + gradError);
    }

    private static CpcConfig config(String similarity, boolean channelNorm, String prototypes, boolean batchNegatives,
                                    int predictorHidden) {
        return Presets.get("tiny", Map.of("similarity", similarity, "channelNorm", Boolean.toString(channelNorm),
                "window", "320", "hop", "320", "negatives", "8", "prototypes", prototypes,
                "batchNegatives", Boolean.toString(batchNegatives),
                "predictorHidden", Integer.toString(predictorHidden)));
    }

    private static double loss(CpcNetwork network, INDArray params, INDArray x, INDArray initial, INDArray keys,
                               INDArray negatives, INDArray mask, PrototypeLevels prototypes) {
        INDArray scratch = Nd4j.zeros(DataType.DOUBLE, params.length());
        return network.lossAndGradient(params, scratch, x, initial, keys, negatives, mask, prototypes, PROTO_WEIGHT)
                .loss();
    }

    private static INDArray random(SplittableRandom rng, long n) {
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = Gaussian.next(rng);
        }
        return Nd4j.createFromArray(v);
    }
}
