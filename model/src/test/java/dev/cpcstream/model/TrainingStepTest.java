package dev.cpcstream.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MoCo's step order and the guard against non-finite updates, observed on a real learner. */
class TrainingStepTest {

    @Test
    void momentumUpdateRunsBeforeTheKeyPassAndTheNewestKeysAreEnqueued() {
        CpcConfig config = Presets.get("tiny");
        List<Window> batch = new SyntheticWindows(config, 2, 5).nextBatch();
        try (OnlineLearner learner = new OnlineLearner(config)) {
            learner.train(batch);                                   // a step so query and key encoders differ
            LearnerState before = learner.state();
            long encoderLength = learner.network().layout().encoderLength();
            INDArray query0 = before.params().get(NDArrayIndex.interval(0, encoderLength)).dup();
            INDArray key0 = before.keyEncoder().dup();
            int pointer0 = before.queuePointer();

            learner.train(batch);

            INDArray expectedKey = key0.mul(config.momentum()).addi(query0.mul(1 - config.momentum()));
            assertArrayEquals(expectedKey.toFloatVector(), learner.state().keyEncoder().toFloatVector(), 1e-7f);
            INDArray keys = learner.network().keys(learner.state().keyEncoder(), Windows.pack(batch, 1, new Features.Samples(1), expectedKey.dataType()));
            int n = (int) Math.min(keys.rows(), config.queueSize());
            INDArray queue = learner.state().queueKeys();
            for (int i = 0; i < n; i++) {
                int slot = (pointer0 + i) % config.queueSize();
                assertArrayEquals(keys.getRow(keys.rows() - n + i).toFloatVector(), queue.getRow(slot).toFloatVector(), 1e-6f,
                        "queue slot " + slot);
            }
        }
    }

    @Test
    void prototypesAreSeededOnceTheQueueHoldsOnlyEncoderKeysAndNameEveryWindow() {
        // 4 windows of 40 frames: 160 keys a step, so the 256-key queue fills on the second step
        CpcConfig config = Presets.get("tiny", Map.of("prototypes", "4"));
        SyntheticWindows data = new SyntheticWindows(config, 4, 5);
        try (OnlineLearner learner = new OnlineLearner(config)) {
            learner.train(data.nextBatch());
            assertNull(learner.embedWithPrototypes(data.nextBatch()).prototypes(), "none before the queue is full");
            TrainResult second = learner.train(data.nextBatch());
            assertNull(second.embeddings().prototypes(), "the step that fills the queue seeds the prototypes after its update");
            assertTrue(Double.isNaN(second.losses().protoNce()));

            TrainResult third = learner.train(data.nextBatch());
            assertEquals(4, third.embeddings().prototypes().length);
            assertTrue(Arrays.stream(third.embeddings().prototypes()).allMatch(p -> p >= 0 && p < 4));
            assertTrue(third.losses().protoNce() > 0 && third.losses().protoNce() < 10, "ProtoNCE " + third.losses().protoNce());
            assertEquals(4, learner.embedWithPrototypes(data.nextBatch()).prototypes().length);
        }
    }

    @Test
    void learningRateDecayShrinksLaterStepsAndLeavesTheFirstAlone() {
        CpcConfig constant = Presets.get("tiny");
        CpcConfig decayed = constant.with(Map.of("learningRateDecay", "1e6"));  // step 1 at lr / sqrt(1e6 + 1)
        List<Window> batch = new SyntheticWindows(constant, 2, 5).nextBatch();
        try (OnlineLearner a = new OnlineLearner(constant); OnlineLearner b = new OnlineLearner(decayed)) {
            a.train(batch);
            b.train(batch);
            assertArrayEquals(a.state().params().toFloatVector(), b.state().params().toFloatVector(),
                    "step 0 runs at the full rate either way");
            INDArray before = a.state().params().dup();
            a.train(batch);
            b.train(batch);
            double constantMove = a.state().params().sub(before).norm2Number().doubleValue();
            double decayedMove = b.state().params().sub(before).norm2Number().doubleValue();
            assertTrue(decayedMove < constantMove / 100, decayedMove + " vs " + constantMove);
            assertTrue(decayedMove > 0, "a decayed rate is never 0");
        }
    }

    @Test
    void aWarmupScalesTheFirstStepByOneOverItsLength() {
        CpcConfig constant = Presets.get("tiny");
        CpcConfig warm = constant.with(Map.of("learningRateWarmup", "4"));
        List<Window> batch = new SyntheticWindows(constant, 2, 5).nextBatch();
        try (OnlineLearner a = new OnlineLearner(constant); OnlineLearner b = new OnlineLearner(warm)) {
            INDArray start = a.state().params().dup();
            a.train(batch);
            b.train(batch);
            // Adam's first update is the rate times g / (|g| + eps), so the same gradient moves each weight in
            // proportion to the rate alone
            INDArray constantMove = a.state().params().sub(start);
            INDArray warmMove = b.state().params().sub(start);
            assertEquals(0.25, warmMove.norm2Number().doubleValue() / constantMove.norm2Number().doubleValue(), 1e-3);
            assertTrue(warmMove.mul(4).equalsWithEps(constantMove, 1e-5), "every weight a quarter of the way");
        }
    }

    @ParameterizedTest(name = "poisoned sample {0}")
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY})
    void aNonFiniteStepChangesNothingButTheSkipCount(float poison) {
        // 4 windows of 40 frames: the queue fills on the second step, so the prototypes exist after the third
        CpcConfig config = Presets.get("tiny", Map.of("prototypes", "4"));
        SyntheticWindows data = new SyntheticWindows(config, 4, 5);
        try (OnlineLearner learner = new OnlineLearner(config)) {
            for (int i = 0; i < 4; i++) {
                assertTrue(learner.train(data.nextBatch()).update().applied());
            }
            long encoderLength = learner.network().layout().encoderLength();
            assertFalse(learner.state().keyEncoder().equalsWithEps(
                    learner.state().params().get(NDArrayIndex.interval(0, encoderLength)), 1e-6),
                    "trained first, so the key encoder lags the query encoder");
            Snapshot before = Snapshot.of(learner.state());
            assertNotNull(before.prototypes, "prototypes seeded before the poisoned step");

            List<Window> batch = new ArrayList<>(data.nextBatch());
            float[] poisoned = batch.get(0).samples().clone();
            poisoned[17] = poison;
            batch.set(0, new Window(batch.get(0).sourceId(), poisoned));
            TrainResult r = learner.train(batch);

            assertFalse(r.update().applied());
            assertEquals(1, learner.skippedSteps());
            before.assertSameAs(Snapshot.of(learner.state()));
            assertTrue(learner.train(data.nextBatch()).update().applied(), "recovers on good data");
        }
    }

    /**
     * A learning rate far too high, and every other batch at the top of the float range: no state ever holds a
     * value that is not finite, and the skipped steps show the trouble where the alert looks (CpcTrainStepsSkipped).
     */
    @Test
    void aRunawayLearningRateOnHugeAmplitudesNeverLeavesANonFiniteValueInTheState() {
        CpcConfig config = Presets.get("tiny", Map.of("learningRate", "10"));
        SyntheticWindows data = new SyntheticWindows(config, 4, 9);
        int steps = 12;
        try (OnlineLearner learner = new OnlineLearner(config)) {
            for (int i = 0; i < steps; i++) {
                float gain = i % 2 == 0 ? Float.MAX_VALUE : 1;          // every other batch at the top of the range
                List<Window> batch = data.nextBatch().stream().map(w -> amplified(w, gain)).toList();
                learner.train(batch);
                assertFinite(Snapshot.of(learner.state()), "after step " + i);
            }
            assertTrue(learner.skippedSteps() >= steps / 2, "the batches at the top of the range are skipped: "
                    + learner.skippedSteps() + " of " + steps);
            assertTrue(learner.skippedSteps() < steps, "the batches of ordinary scale were trained on");
        }
    }

    private static Window amplified(Window w, float gain) {
        float[] samples = w.samples().clone();
        for (int i = 0; i < samples.length; i++) {
            samples[i] *= gain;
        }
        return new Window(w.sourceId(), samples);
    }

    private static void assertFinite(Snapshot s, String when) {
        List<float[]> parts = new ArrayList<>(List.of(s.params, s.keyEncoder, s.adam, s.queueKeys));
        parts.addAll(s.carried.values());
        for (float[] part : parts) {
            for (float v : part) {
                assertTrue(Float.isFinite(v), "a value that is not finite in the state " + when);
            }
        }
    }

    /** Host copies of every part of a learner's state but the skipped-step count. */
    private record Snapshot(float[] params, float[] keyEncoder, float[] adam, float[] queueKeys, long[] queueKeySteps,
                            int queuePointer, float[][] prototypes, Map<String, float[]> carried, long[] counters) {

        static Snapshot of(LearnerState s) {
            PrototypeLevels p = s.prototypes();
            float[][] prototypes = p == null ? null : new float[][]{p.centroids().ravel().toFloatVector(),
                    p.counts().toFloatVector(), p.concentrations().toFloatVector()};
            Map<String, float[]> carried = new TreeMap<>();
            s.carriedStates().forEach((source, saved) -> carried.put(source, saved.hidden().clone()));
            return new Snapshot(s.params().toFloatVector(), s.keyEncoder().toFloatVector(),
                    s.optimizerState().ravel().toFloatVector(), s.queueKeys().ravel().toFloatVector(),
                    s.queueKeySteps().clone(), s.queuePointer(), prototypes, carried,
                    new long[]{s.step(), s.modelVersion(), s.windowsTrained()});
        }

        void assertSameAs(Snapshot after) {
            assertArrayEquals(params, after.params, "weights");
            assertArrayEquals(keyEncoder, after.keyEncoder, "key encoder");
            assertArrayEquals(adam, after.adam, "Adam moments");
            assertArrayEquals(queueKeys, after.queueKeys, "queue keys");
            assertArrayEquals(queueKeySteps, after.queueKeySteps, "queue key steps");
            assertEquals(queuePointer, after.queuePointer, "queue pointer");
            assertArrayEquals(prototypes, after.prototypes, "prototypes");
            assertEquals(carried.keySet(), after.carried.keySet(), "carried sources");
            carried.forEach((source, h) -> assertArrayEquals(h, after.carried.get(source), "carried state " + source));
            assertArrayEquals(counters, after.counters, "step, model version, windows trained");
        }
    }
}
