package dev.cpcstream.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Online CPC on structured generated sequences: starts near chance, learns to pick the future, and the contexts it
 * learns neither collapse nor stay as good as random: a linear probe reads the signal's hidden state from them better
 * than from the same encoder untrained.
 */
class LearningTest {

    private static final int STEPS = 300;
    private static final int TAIL = 30;
    private static final int SOURCES = 8;
    private static final int STATES = 4;
    /** Batches embedded after training for the probe; the first half trains it, the second half tests it. */
    private static final int PROBE_BATCHES = 100;
    private static final double MAX_UNIFORMITY = -0.5;
    private static final double MIN_EFFECTIVE_RANK = 3;
    private static final double MIN_PROBE_GAIN = 0.05;

    @Test
    void lossStartsNearChanceAndFallsWellBelowIt() {
        CpcConfig config = Presets.get("tiny");
        Curve curve = train(config);

        assertLearned(config, curve);
        assertTrue(Double.isNaN(curve.lastProtoLoss()), "no ProtoNCE term without prototypes");
        assertNull(curve.lastPrototypes());
    }

    @Test
    void theLogMelFrontEndLearnsToo() {
        CpcConfig config = Presets.get("tiny", Map.of("frontEnd", "logmel", "window", "3200", "hop", "3200",
                "kernels", "3,3", "strides", "1,1", "paddings", "1,1"));
        Curve curve = train(config);

        // no probe gain asked: the hidden state (which sine) is already linear in the log-mel frames themselves
        assertAll(learnedToPredict(config, curve));
    }

    @Test
    void withEachEncoderHearingItsOwnChannelTheContextsStillLearnToPredict() {
        CpcConfig config = Presets.get("tiny", Map.of("frontEnd", "logmel", "window", "3200", "hop", "3200",
                "kernels", "3,3", "strides", "1,1", "paddings", "1,1", "augmentation", "channel"));
        Curve curve = train(config);

        assertAll(learnedToPredict(config, curve));
    }

    @Test
    void withPrototypesInfoNceStillLearnsTheProtoNceTermFallsAndTheContextsKeepTheirRank() {
        // PCL's schedule, scaled to the test's 300 steps: InfoNCE alone, then the ProtoNCE weight ramps up
        CpcConfig config = Presets.get("tiny", Map.of("prototypes", "4,8", "protoWarmup", "50", "protoRamp", "50"));
        Curve curve = train(config);
        Representation without = train(config.with(Map.of("prototypes", "0"))).representation();

        assertLearned(config, curve);
        // after the warm-up the term starts from prototypes of an already trained encoder, so it falls less
        assertTrue(curve.lastProtoLoss() < curve.firstProtoLoss(), "ProtoNCE " + curve.firstProtoLoss()
                + " when the term joined, " + curve.lastProtoLoss() + " at the end");
        long used = Arrays.stream(curve.lastPrototypes()).distinct().count();
        assertTrue(used >= 2, "the last batch's windows all fell on one prototype: " + Arrays.toString(curve.lastPrototypes()));
        Representation with = curve.representation();
        assertTrue(with.effectiveRank() > 0.7 * without.effectiveRank(), "prototypes pulled the contexts toward "
                + "fewer directions: effective rank " + with.effectiveRank() + ", " + without.effectiveRank() + " without");
        assertTrue(with.trainedProbe() > without.trainedProbe() - 0.1, "probe " + with.trainedProbe() + " with "
                + "prototypes, " + without.trainedProbe() + " without");
    }

    private static void assertLearned(CpcConfig config, Curve curve) {
        double chance = config.chanceLoss();
        Representation r = curve.representation();
        assertAll(Stream.concat(Stream.<Executable>of(
                () -> assertTrue(Math.abs(curve.firstLoss() - chance) < 0.15 * chance,
                        "initial loss " + curve.firstLoss() + " far from ln(N+1) = " + chance),
                () -> assertTrue(r.trainedProbe() > r.untrainedProbe() + MIN_PROBE_GAIN, "linear probe of the "
                        + "hidden state: " + r.trainedProbe() + " trained, " + r.untrainedProbe() + " untrained")),
                learnedToPredict(config, curve)));
    }

    /** Picks the future well above chance, and the contexts did not collapse to get there. */
    private static Stream<Executable> learnedToPredict(CpcConfig config, Curve curve) {
        double chance = config.chanceLoss();
        Representation r = curve.representation();
        return Stream.of(
                (Executable) () -> assertTrue(curve.lastLoss() < 0.85 * chance,
                        "loss " + curve.lastLoss() + " did not fall clearly below chance " + chance),
                () -> assertTrue(curve.lastAccuracy() > 3.0 / (config.negatives() + 1),
                        "accuracy " + curve.lastAccuracy() + " not well above chance"),
                // collapse: uniformity 0 (one point), effective rank 0 or 1 (one point, one line) of H
                () -> assertTrue(r.uniformity() < MAX_UNIFORMITY, "contexts collapsed: uniformity " + r.uniformity()),
                () -> assertTrue(r.effectiveRank() > MIN_EFFECTIVE_RANK,
                        "contexts collapsed: effective rank " + r.effectiveRank() + " of " + config.hidden()));
    }

    /**
     * @param firstProtoLoss the ProtoNCE term of the first step that had prototypes (NaN if none did)
     * @param lastPrototypes the prototype assignments of the last step's windows
     */
    private record Curve(double firstLoss, double lastLoss, double lastAccuracy, double firstProtoLoss,
                         double lastProtoLoss, int[] lastPrototypes, Representation representation) {
    }

    /**
     * The contexts of windows after training, frozen.
     *
     * @param trainedProbe   accuracy of a linear probe of the source's hidden state on the trained model's contexts,
     *                       averaged over the sources
     * @param untrainedProbe the same probe on the contexts of the same model at its initial weights
     * @param uniformity     of the trained contexts ({@link AlignmentUniformity})
     * @param effectiveRank  of the trained contexts ({@link EffectiveRank})
     */
    private record Representation(double trainedProbe, double untrainedProbe, double uniformity,
                                  double effectiveRank) {
    }

    private static Curve train(CpcConfig config) {
        SyntheticWindows data = new SyntheticWindows(config, SOURCES, 11);
        double firstLoss = 0;
        double lastLoss = 0;
        double lastAccuracy = 0;
        double firstProtoLoss = Double.NaN;
        double lastProtoLoss = 0;
        int[] lastPrototypes = null;
        Representation representation;
        try (OnlineLearner learner = new OnlineLearner(config)) {
            for (int i = 0; i < STEPS; i++) {
                TrainResult r = learner.train(data.nextBatch());
                assertTrue(r.update().applied(), "step " + i + " skipped");
                if (i == 0) {
                    firstLoss = r.losses().infoNce();
                }
                if (Double.isNaN(firstProtoLoss)) {
                    firstProtoLoss = r.losses().protoNce();
                }
                if (i >= STEPS - TAIL) {
                    lastLoss += r.losses().infoNce() / TAIL;
                    lastAccuracy += r.losses().accuracy() / TAIL;
                    lastProtoLoss += r.losses().protoNce() / TAIL;
                }
                lastPrototypes = r.embeddings().prototypes();
                if (i % 50 == 0) {
                    System.out.printf("step %d loss %.3f (chance %.3f) accuracy %.3f ProtoNCE %.3f%n", i, r.losses().infoNce(),
                            config.chanceLoss(), r.losses().accuracy(), r.losses().protoNce());
                }
            }
            representation = probe(config, learner, data);
        }
        Curve curve = new Curve(firstLoss, lastLoss, lastAccuracy, firstProtoLoss, lastProtoLoss, lastPrototypes,
                representation);
        System.out.println(curve);
        return curve;
    }

    /**
     * Embeds the sources' next windows with the trained learner and with an untrained one of the same seed, and probes
     * each source's hidden state from them: per source, since each source has its own states.
     */
    private static Representation probe(CpcConfig config, OnlineLearner trained, SyntheticWindows data) {
        float[][][] learned = new float[SOURCES][PROBE_BATCHES][];     // [source][window][H]
        float[][][] initial = new float[SOURCES][PROBE_BATCHES][];
        int[][] states = new int[SOURCES][PROBE_BATCHES];
        try (OnlineLearner untrained = new OnlineLearner(config)) {
            for (int b = 0; b < PROBE_BATCHES; b++) {
                List<Window> batch = data.nextBatch();
                int[] batchStates = data.states();
                float[][] trainedContexts = trained.embed(batch);
                float[][] untrainedContexts = untrained.embed(batch);
                for (int s = 0; s < SOURCES; s++) {
                    learned[s][b] = trainedContexts[s];
                    initial[s][b] = untrainedContexts[s];
                    states[s][b] = batchStates[s];
                }
            }
        }
        double trainedProbe = 0;
        double untrainedProbe = 0;
        for (int s = 0; s < SOURCES; s++) {
            trainedProbe += LeastSquaresProbe.accuracy(learned[s], states[s], STATES, PROBE_BATCHES / 2) / SOURCES;
            untrainedProbe += LeastSquaresProbe.accuracy(initial[s], states[s], STATES, PROBE_BATCHES / 2) / SOURCES;
        }
        float[][] contexts = Arrays.stream(learned).flatMap(Arrays::stream).toArray(float[][]::new);
        return new Representation(trainedProbe, untrainedProbe,
                AlignmentUniformity.uniformity(Nd4j.createFromArray(contexts).castTo(DataType.DOUBLE)),
                EffectiveRank.of(contexts));
    }
}
