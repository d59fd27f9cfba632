package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.MathThreads;
import dev.cpcstream.model.nd4j.StepWorkspace;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.ModelSnapshot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.RampSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * The online CPC learner: a query network (g_enc, g_ar, W_1..W_K), its momentum key encoder, the MoCo queue of
 * negatives and Adam, trained one micro-batch of windows at a time.
 *
 * <p>One step, in MoCo's order: momentum update of the key encoder, key pass over the batch, N negatives drawn from
 * the queue, forward + InfoNCE (+ ProtoNCE) + backward of the query network, gradient clipping, Adam, then the
 * batch's keys are enqueued. A step whose loss or gradient is not finite changes nothing but the skipped-step count.
 *
 * <p>With {@code prototypes > 0} (PCL), the {@link Prototypes} are seeded once the queue holds only encoder keys
 * (its random start has no clusters to find, as PCL only clusters after warm-up epochs) and refined every
 * {@code protoEvery} applied steps, after the step's keys are enqueued; the ProtoNCE term joins after
 * {@code protoWarmup} steps ({@link CpcConfig#protoWeightAt}).
 *
 * <p>GRU states are carried per source within {@link SourceLimits}: every batch, trained, skipped or embedded,
 * moves the clock of window timestamps on and so forgets the sources idle since ({@link CarriedStates}).
 *
 * <p>Not thread-safe: ND4J arrays and the carried GRU states belong to the one thread that owns the learner.
 */
public final class OnlineLearner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnlineLearner.class);
    /** Keys drawn (with replacement) to estimate uniformity; all T*B of them would cost more than the step. */
    private static final int UNIFORMITY_SAMPLE = 256;
    private static final double ADAM_BETA1 = 0.9;
    private static final double ADAM_BETA2 = 0.999;
    private static final double ADAM_EPS = 1e-8;
    /** SplittableRandom's golden gamma: spreads consecutive seeds and steps far apart before they seed a generator. */
    private static final long SEED_MIX = 0x9E3779B97F4A7C15L;

    private final CpcConfig config;
    private final CpcNetwork network;
    private final Features features;
    private final INDArray params;
    private final INDArray grad;
    private final INDArray optimizerState;
    private final AdamUpdater adam;
    private final MomentumEncoder keyEncoder;
    private final NegativeQueue queue;
    private final CarriedStates carriedStates;
    private PrototypeLevels prototypes;    // null until the queue has filled, and always without PCL
    private long step;
    private long modelVersion;
    private long skippedSteps;
    private long windowsTrained;

    /** A fresh model, initialised from {@code config.seed()}, keeping sources' states within the default limits. */
    public OnlineLearner(CpcConfig config) {
        this(config, SourceLimits.defaults());
    }

    /** A fresh model, initialised from {@code config.seed()}. */
    public OnlineLearner(CpcConfig config, SourceLimits sources) {
        this(fresh(config, DataType.FLOAT), sources);
    }

    /** A fresh model in the given precision (DOUBLE for gradient checks). */
    OnlineLearner(CpcConfig config, DataType type) {
        this(fresh(config, type), SourceLimits.defaults());
    }

    OnlineLearner(LearnerState state, SourceLimits sources) {
        this.config = state.config();
        this.network = new CpcNetwork(config);
        this.features = config.frontEnd().features(config);
        long n = network.layout().length();
        if (state.params().length() != n) {
            throw new IllegalArgumentException("checkpoint has " + state.params().length() + " parameters, the "
                    + config.preset() + " architecture needs " + n);
        }
        this.params = state.params();
        this.grad = Nd4j.create(params.dataType(), n);
        this.optimizerState = state.optimizerState();
        this.adam = new AdamUpdater(adam(config));
        adam.setStateViewArray(optimizerState, new long[]{1, n}, 'c', false);
        this.keyEncoder = new MomentumEncoder(state.keyEncoder(), network.layout().encoderLength(), config.momentum());
        this.queue = new NegativeQueue(state.queueKeys(), state.queueKeySteps(), state.queuePointer());
        this.prototypes = state.prototypes();
        this.carriedStates = CarriedStates.restored(sources, state.carriedStates());
        this.step = state.step();
        this.modelVersion = state.modelVersion();
        this.skippedSteps = state.skippedSteps();
        this.windowsTrained = state.windowsTrained();
    }

    /**
     * Adam at {@code learningRate / sqrt(1 + learningRateDecay * step)}: constant while the decay is 0; otherwise a
     * rate that keeps falling but never reaches 0, as a stream that never ends needs. Over the first
     * {@code learningRateWarmup} steps that rate is scaled by (step + 1) / warm-up, so a fresh model's first updates,
     * made while the queue still holds its random keys, stay small. ND4J's schedules are evaluated at the optimizer
     * step, so a restored learner continues them exactly, past a warm-up it already made.
     */
    private static Adam adam(CpcConfig config) {
        ISchedule rate = new InverseSchedule(ScheduleType.ITERATION, config.learningRate(),
                config.learningRateDecay(), 0.5);
        if (config.learningRateWarmup() > 0) {
            rate = new RampSchedule(rate, config.learningRateWarmup());
        }
        Adam adam = new Adam(rate);
        adam.setBeta1(ADAM_BETA1);
        adam.setBeta2(ADAM_BETA2);
        adam.setEpsilon(ADAM_EPS);
        return adam;
    }

    private static LearnerState fresh(CpcConfig config, DataType type) {
        ParameterLayout layout = new CpcNetwork(config).layout();
        INDArray params = ParameterInit.uniform(layout, config.seed(), type);
        INDArray keyEncoder = params.get(NDArrayIndex.interval(0, layout.encoderLength())).dup();
        INDArray adamState = Nd4j.zeros(type, 1, 2 * layout.length());
        NegativeQueue queue = NegativeQueue.random(config.queueSize(), config.channels(),
                config.similarity() == Similarity.COSINE, config.seed() + 1, type);
        return new LearnerState(config, params, keyEncoder, adamState, queue.keys(), queue.writtenAtStep(),
                queue.pointer(), null, Map.of(), 0, 0, 0, 0);
    }

    /**
     * Resumes exactly where the checkpoint was taken: weights, Adam moments, queue, prototypes, step, version, GRU
     * states; keeping sources' states within the default limits.
     */
    public static OnlineLearner restore(ModelCheckpoint checkpoint) {
        return restore(checkpoint, SourceLimits.defaults());
    }

    /** {@link #restore(ModelCheckpoint)}; of the carried states, those the limits keep. */
    public static OnlineLearner restore(ModelCheckpoint checkpoint, SourceLimits sources) {
        return new OnlineLearner(Checkpoints.fromAvro(checkpoint), sources);
    }

    public CpcConfig config() {
        return config;
    }

    /**
     * Forward, InfoNCE, backward and one Adam step on a batch of windows (at least one), then the momentum update's
     * keys are enqueued. The returned contexts are those of this forward pass, one per window in input order.
     */
    public TrainResult train(List<Window> batch) {
        requireFullWindows(batch);
        TrainResult result;
        try (MemoryWorkspace ignored = onMathThread(StepWorkspace.TRAIN)) {
            result = trainInWorkspace(batch);
        }
        if (result.update().applied()) {
            refreshPrototypes();
        }
        return result;
    }

    private TrainResult trainInWorkspace(List<Window> batch) {
        SplittableRandom rng = new SplittableRandom(config.seed() * SEED_MIX + step + skippedSteps);
        INDArray x = Windows.pack(batch, config.inChannels(), features, params.dataType());   // [B, Cf, L]
        carriedStates.advanceTo(batch);
        INDArray initial = initialStates(batch);                                      // [B, H]

        INDArray keyView = config.augmentation().view(x, config.melBands(), rng);
        INDArray contextView = config.augmentation().view(x, config.melBands(), rng);

        INDArray steppedKeyEncoder = keyEncoder.momentumStep(params);                // [P_enc]
        INDArray keys = network.keys(steppedKeyEncoder, keyView);                    // [T*B, C]
        INDArray negatives = queue.sample(config.negatives(), rng);                  // [N, C]
        INDArray mask = null;
        if (config.batchNegatives()) {
            InBatchNegatives inBatch = InBatchNegatives.draw(negatives, keys, batch.size(), config, rng);
            negatives = inBatch.negatives();                                         // [2N, C]
            mask = inBatch.mask();                                                   // [M, 2N]
        }
        CpcNetwork.LossAndGradient r = network.lossAndGradient(params, grad, contextView, initial, keys, negatives,
                mask, prototypes, config.protoWeightAt(step));
        double gradNorm = grad.norm2Number().doubleValue();
        long versionUsed = modelVersion;
        long stepUsed = step;
        boolean applied = Double.isFinite(r.loss()) && Double.isFinite(gradNorm);
        if (applied) {
            if (gradNorm > config.gradClip()) {
                grad.muli(config.gradClip() / gradNorm);
            }
            adam.applyUpdater(grad.reshape(1, grad.length()), (int) step, 0);   // turns grad into the update
            params.subi(grad);
            keyEncoder.accept(steppedKeyEncoder);
            step++;
            modelVersion++;
            windowsTrained += batch.size();
            queue.enqueue(keys, step);
            carry(batch, r.forward());
        } else {
            skippedSteps++;
            log.warn("skipped training step: loss {} gradient norm {} not finite; weights kept", r.loss(), gradNorm);
        }
        double uniformity = sampledUniformity(keys, rng);
        TrainResult.Update update = new TrainResult.Update(applied, gradNorm, stepUsed, versionUsed);
        TrainResult.Losses losses = new TrainResult.Losses(r.infoNce(), r.protoNce(), chanceLoss(batch.size()),
                r.correct().mean(0).toDoubleVector());
        TrainResult.Keys keyGeometry = new TrainResult.Keys(r.alignment(), uniformity, queue.filled(),
                queue.oldestKeyAge(step));
        Embeddings embeddings = new Embeddings(Windows.rows(r.forward().lastContexts()),
                nearestPrototypes(r.forward()));
        return new TrainResult(update, losses, keyGeometry, embeddings);
    }

    /**
     * Seeds the prototypes once the queue holds only encoder keys, then runs a k-means pass every protoEvery steps.
     * Outside the step's workspace: the prototypes outlive the step, and a pass on some steps only would keep the
     * workspace from settling on one size.
     */
    private void refreshPrototypes() {
        if (config.prototypeCount() == 0 || queue.filled() < queue.size()) {
            return;
        }
        // its own stream of the seed (the queue's start uses seed + 1), fixed by the step so a restore replays it
        SplittableRandom rng = new SplittableRandom((config.seed() + 2) * SEED_MIX + step);
        if (prototypes == null) {
            prototypes = PrototypeLevels.seed(queue.keys(), config.prototypes(), config.tau(), rng);
        } else if (step % config.protoEvery() == 0) {
            prototypes.update(queue.keys(), config.protoDecay(), config.tau(), rng);
        }
    }

    /** Each window's nearest prototype, see {@link Embeddings#prototypes()}; null without prototypes. */
    private int[] nearestPrototypes(CpcNetwork.Forward fwd) {
        return prototypes == null ? null : prototypes.nearest(fwd.lastFrames());
    }

    /**
     * Inference only: the context vector at each window's last step, {@code [B][H]}; no weight changes. Windows may be
     * shorter or longer than the configured window (the encoder is convolutional); they are run in groups of equal
     * length, and the result keeps the input order.
     */
    public float[][] embed(List<Window> batch) {
        return embedWithPrototypes(batch).contexts();
    }

    /** {@link #embed}, and each window's nearest prototype when the model keeps prototypes. */
    public Embeddings embedWithPrototypes(List<Window> batch) {
        try (MemoryWorkspace ignored = onMathThread(StepWorkspace.EMBED)) {
            return embedInWorkspace(batch, false);
        }
    }

    /** {@link #embedWithPrototypes}, and each window's InfoNCE against its own frames, for its novelty score. */
    public Embeddings embedWithOwnFrameLosses(List<Window> batch) {
        try (MemoryWorkspace ignored = onMathThread(StepWorkspace.EMBED)) {
            return embedInWorkspace(batch, true);
        }
    }

    /**
     * Inference only, like {@link #embed}, but the context c_t of every frame of every window: {@code [B][T][H]},
     * T being each window's own frame count. What pooling a whole recording needs ({@link FrameStatistics}).
     */
    public float[][][] embedEveryFrame(List<Window> batch) {
        return embedEveryFrameWithPrototypes(batch).contexts();
    }

    /**
     * @param contexts   {@code [B][T][H]}, see {@link #embedEveryFrame}
     * @param encodings  {@code [B][T][C]}: the encoder's z_t of the same frames, which the contexts were computed from
     * @param prototypes each window's nearest prototype, as {@link Embeddings#prototypes()}; null without prototypes
     */
    public record EveryFrame(float[][][] contexts, float[][][] encodings, int[] prototypes) {
    }

    /**
     * {@link #embedEveryFrame}, with each frame's z_t, and each window's nearest prototype when the model keeps
     * prototypes.
     */
    public EveryFrame embedEveryFrameWithPrototypes(List<Window> batch) {
        float[][][] contexts = new float[batch.size()][][];
        float[][][] encodings = new float[batch.size()][][];
        int[] nearest = prototypes == null ? null : new int[batch.size()];
        try (MemoryWorkspace ignored = onMathThread(StepWorkspace.EMBED)) {
            forEachLengthGroup(batch, (group, fwd) -> {
                float[][][] c = Windows.perWindow(fwd.context().hidden.permute(1, 0, 2));   // [T, B, H] -> [B, T, H]
                float[][][] z = Windows.perWindow(fwd.encoder().z());                      // [B, T, C]
                int[] groupNearest = nearestPrototypes(fwd);
                for (int j = 0; j < group.size(); j++) {
                    contexts[group.get(j)] = c[j];
                    encodings[group.get(j)] = z[j];
                    if (nearest != null) {
                        nearest[group.get(j)] = groupNearest[j];
                    }
                }
            });
        }
        return new EveryFrame(contexts, encodings, nearest);
    }

    private Embeddings embedInWorkspace(List<Window> batch, boolean withLosses) {
        float[][] out = new float[batch.size()][];
        int[] nearest = prototypes == null ? null : new int[batch.size()];
        double[] losses = withLosses ? new double[batch.size()] : null;
        forEachLengthGroup(batch, (group, fwd) -> {
            float[][] contexts = Windows.rows(fwd.lastContexts());
            int[] groupNearest = nearestPrototypes(fwd);
            double[] groupLosses = withLosses ? network.ownFrameLosses(params, fwd) : null;
            for (int j = 0; j < group.size(); j++) {
                out[group.get(j)] = contexts[j];
                if (nearest != null) {
                    nearest[group.get(j)] = groupNearest[j];
                }
                if (losses != null) {
                    losses[group.get(j)] = groupLosses[j];
                }
            }
        });
        return new Embeddings(out, nearest, losses);
    }

    /**
     * Runs the forward pass over windows grouped by length (the encoder is convolutional, so any length works, but
     * one pass needs one length), carrying each source's state past its full windows; {@code visit} gets each
     * group's indices into {@code batch} and its pass.
     */
    private void forEachLengthGroup(List<Window> batch, BiConsumer<List<Integer>, CpcNetwork.Forward> visit) {
        carriedStates.advanceTo(batch);
        Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            byLength.computeIfAbsent(batch.get(i).samples().length, len -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : byLength.values()) {
            List<Window> windows = group.stream().map(batch::get).toList();
            INDArray x = Windows.pack(windows, config.inChannels(), features, params.dataType());
            CpcNetwork.Forward fwd = network.forward(params, x, initialStates(windows));
            if (windows.get(0).samples().length == config.inChannels() * config.window()) {
                carry(windows, fwd);
            }
            visit.accept(group, fwd);
        }
    }

    /** Everything needed to resume, plus the input offsets ("topic-partition" to next offset) it covers. */
    public ModelCheckpoint checkpoint(Map<String, Long> inputOffsets) {
        return Checkpoints.toAvro(state(), inputOffsets);
    }

    /** The weights embedding needs, for the instances that follow this learner: no optimizer state, queue or offsets. */
    public ModelSnapshot snapshot() {
        return Snapshots.toAvro(state());
    }

    /**
     * Embeds with a newer snapshot's weights from now on: its parameters, prototypes, step and version replace this
     * learner's. The optimizer state, queue, key encoder and carried GRU states stay: a follower only embeds, and
     * one that must train restores a full checkpoint instead.
     *
     * @return false, changing nothing, when the snapshot is not newer than the weights in use
     * @throws IllegalArgumentException when the snapshot was taken with another model config
     */
    public boolean adopt(ModelSnapshot snapshot) {
        if (!config.hash().equals(snapshot.getConfigHash())) {
            throw new IllegalArgumentException("snapshot of model version " + snapshot.getModelVersion()
                    + " has config hash " + snapshot.getConfigHash() + ", this model's is " + config.hash());
        }
        if (snapshot.getModelVersion() <= modelVersion) {
            return false;
        }
        params.assign(Snapshots.parameters(snapshot, network.layout()));
        INDArray centroids = Snapshots.centroids(snapshot, config);
        prototypes = centroids == null ? null : PrototypeLevels.following(centroids, config.prototypes(), config.tau());
        step = snapshot.getStep();
        modelVersion = snapshot.getModelVersion();
        return true;
    }

    LearnerState state() {
        return new LearnerState(config, params, keyEncoder.params(), optimizerState, queue.keys(),
                queue.writtenAtStep(), queue.pointer(), prototypes, carriedStates.saved(), step, modelVersion,
                skippedSteps, windowsTrained);
    }

    CpcNetwork network() {
        return network;
    }

    /** Optimizer steps applied so far. */
    public long step() {
        return step;
    }

    /** Monotonic version of the weights: grows with every applied step; a checkpoint carries it across restarts. */
    public long modelVersion() {
        return modelVersion;
    }

    /** Steps whose update was skipped because the loss or the gradient was not finite. */
    public long skippedSteps() {
        return skippedSteps;
    }

    /** Windows the applied steps trained on, over the model's life (checkpoints carry it). */
    public long windowsTrained() {
        return windowsTrained;
    }

    /** Sources whose GRU state is carried to their next window, within the {@link SourceLimits}. */
    public int sourcesCarried() {
        return carriedStates.size();
    }

    private double chanceLoss(int windows) {
        if (!config.batchNegatives()) {
            return config.chanceLoss();
        }
        // the in-batch keys from the anchor's own window are masked: on average (B-1)/B of them count
        return Math.log(config.negatives() * (1.0 + (windows - 1.0) / windows) + 1.0);
    }

    private INDArray initialStates(List<Window> batch) {
        INDArray h = Nd4j.zeros(params.dataType(), batch.size(), config.hidden());
        if (config.carryState()) {
            for (int b = 0; b < batch.size(); b++) {
                float[] state = carriedStates.get(batch.get(b).sourceId());
                if (state != null) {
                    h.getRow(b).assign(Nd4j.createFromArray(state).castTo(params.dataType()));
                }
            }
        }
        return h;
    }

    /**
     * Keeps, per source, the context after the window's first {@code hop} samples: the state the source's next window
     * (which starts {@code hop} samples later) begins from. Windows of one batch all start from the state known
     * before the batch.
     */
    private void carry(List<Window> batch, CpcNetwork.Forward fwd) {
        if (!config.carryState()) {
            return;
        }
        int hopFrames = Math.min(config.hop() / config.downsampling(), fwd.frames());
        float[][] states = Windows.rows(fwd.context().context(hopFrames - 1));
        for (int b = 0; b < batch.size(); b++) {
            if (allFinite(states[b])) {                               // a poisoned window must not poison the next
                carriedStates.put(batch.get(b).sourceId(), states[b]);
            }
        }
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** {@link AlignmentUniformity#uniformity} of {@link #UNIFORMITY_SAMPLE} of the step's keys {@code [T*B, C]}. */
    private static double sampledUniformity(INDArray keys, SplittableRandom rng) {
        int sampled = (int) Math.min(UNIFORMITY_SAMPLE, keys.size(0));
        int[] rows = rng.ints(sampled, 0, (int) keys.size(0)).toArray();
        return AlignmentUniformity.uniformity(Nd4j.pullRows(keys, 1, rows));                  // [n, C]
    }

    /**
     * Enters the calling thread's workspace for a step or a pass, after giving the thread the OpenMP count the
     * process chose: the trainer's and the stream threads are not the thread that chose it.
     */
    private static MemoryWorkspace onMathThread(String workspace) {
        MathThreads.onThisThread();
        return StepWorkspace.activate(workspace);
    }

    private void requireFullWindows(List<Window> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a training batch needs at least one window");
        }
        int expected = config.inChannels() * config.window();
        for (Window w : batch) {
            if (w.samples().length != expected) {
                throw new IllegalArgumentException("window of source " + w.sourceId() + " has " + w.samples().length
                        + " samples; training needs inChannels * window = " + expected);
            }
        }
    }

    @Override
    public void close() {
        carriedStates.clear();
    }
}
