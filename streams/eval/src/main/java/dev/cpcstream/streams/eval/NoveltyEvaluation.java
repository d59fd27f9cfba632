package dev.cpcstream.streams.eval;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.Presets;
import dev.cpcstream.model.novelty.NoveltyScore;
import dev.cpcstream.model.novelty.NoveltyScorer;
import dev.cpcstream.model.novelty.RunningMean;
import dev.cpcstream.model.novelty.StreamReference;
import dev.cpcstream.schemas.ModelSnapshot;
import dev.cpcstream.streams.topology.Inference;
import dev.cpcstream.streams.topology.LearnerOwner;
import dev.cpcstream.streams.topology.PendingWindow;
import dev.cpcstream.streams.topology.StreamSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Map;
import java.util.List;

/**
 * The novelty evaluation of one domain, on the application's own inference path: a trainer learner trains on the
 * sources' normal signals and publishes a snapshot, which an embedding learner follows, as an instance follows the
 * model topic; then, per change, every source streams its normal signal and switches at a known window, each tick's
 * windows are embedded as one micro-batch ({@link LearnerOwner#embed}) and scored by the production
 * {@link NoveltyScorer}. The same windows are scored by the untrained model (the trainer's starting weights) and by
 * the spectral baseline: the Euclidean distance of the window's {@link LogMelVector} to the running mean of the
 * source's, with the scorer's memory.
 */
final class NoveltyEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(NoveltyEvaluation.class);

    static final String LOSS = "loss";
    static final String SOURCE = "source";
    static final String STREAM = "stream";
    static final String LOG_MEL = "log-mel";
    /** |loss - the source's running mean loss|: surprise in either direction, a fault can make a window easier. */
    static final String LOSS_CHANGE = "loss-change";
    static final String TRAINED = "cpc-";
    static final String UNTRAINED = "untrained-";

    private final NoveltyDomain domain;
    private final NoveltyProtocol protocol;
    private final CpcConfig config;
    private final StreamSettings settings;

    NoveltyEvaluation(NoveltyDomain domain, NoveltyProtocol protocol) {
        this.domain = domain;
        this.protocol = protocol;
        this.config = Presets.get(domain.preset(), Map.of("seed", Long.toString(protocol.seed())));
        this.settings = StreamSettings.defaults().withNovelty(protocol.novelty());
    }

    List<ScenarioResult> run() {
        long start = System.nanoTime();
        ModelSnapshot snapshot = train();
        LOG.info("{}: trained {} steps on the normal signals in {} s", domain.name(), protocol.trainSteps(),
                (System.nanoTime() - start) / 1_000_000_000L);
        List<ScenarioResult> results = new ArrayList<>();
        for (NoveltyDomain.Change change : domain.changes()) {
            try (LearnerOwner trained = LearnerOwner.fresh(config, settings, false);
                 LearnerOwner untrained = LearnerOwner.fresh(config, settings, false)) {
                trained.follow(snapshot);
                results.add(scenario(change, trained, untrained));
            }
        }
        return results;
    }

    private ModelSnapshot train() {
        List<Signal> normals = normals();
        try (LearnerOwner trainer = LearnerOwner.fresh(config, settings, true)) {
            for (int step = 0; step < protocol.trainSteps(); step++) {
                List<PendingWindow> batch = new ArrayList<>();
                for (int b = 0; b < protocol.batchWindows(); b++) {
                    int source = (step * protocol.batchWindows() + b) % protocol.sources();
                    batch.add(window("train-" + source, normals.get(source)));
                }
                trainer.train(batch);
            }
            return trainer.snapshotIfDue(0).orElseThrow();
        }
    }

    private ScenarioResult scenario(NoveltyDomain.Change change, LearnerOwner trained, LearnerOwner untrained) {
        int sources = protocol.sources();
        int windows = protocol.windowsBefore() + protocol.windowsAfter();
        List<Signal> signals = new ArrayList<>(normals());
        skipTrainingStretch(signals);
        Methods methods = new Methods(sources, windows);
        for (int w = 0; w < windows; w++) {
            if (w == protocol.windowsBefore()) {
                for (int s = 0; s < sources; s++) {
                    signals.set(s, change.factory().after(signals.get(s), s, protocol.seed()));
                }
            }
            List<PendingWindow> tick = new ArrayList<>();
            for (int s = 0; s < sources; s++) {
                tick.add(window(change.name() + "-" + s, signals.get(s)));
            }
            methods.score(w, tick, trained.embed(tick), untrained.embed(tick));
        }
        double windowSeconds = (double) config.hop() / config.sampleRate();
        List<MethodResult> results = methods.all().stream().map(m -> m.evaluate(protocol, windowSeconds)).toList();
        return new ScenarioResult(domain.name(), domain.preset(), change.name(), change.description(),
                windowSeconds, results);
    }

    /** The windows the model trained on are not scored: the evaluation continues each source after them. */
    private void skipTrainingStretch(List<Signal> signals) {
        int trainedWindows = protocol.trainSteps() * protocol.batchWindows();
        for (int i = 0; i < trainedWindows; i++) {
            signals.get(i % protocol.sources()).next(config.window());
        }
    }

    private List<Signal> normals() {
        List<Signal> normals = new ArrayList<>();
        for (int s = 0; s < protocol.sources(); s++) {
            normals.add(domain.normal().create(s, protocol.seed()));
        }
        return normals;
    }

    /** The signal's next window, channel-major as the assembler cuts it. */
    private PendingWindow window(String sourceId, Signal signal) {
        int channels = config.inChannels();
        int length = config.window();
        float[] interleaved = signal.next(length);
        float[] samples = new float[channels * length];
        for (int t = 0; t < length; t++) {
            for (int c = 0; c < channels; c++) {
                samples[c * length + t] = interleaved[t * channels + c];
            }
        }
        return new PendingWindow(sourceId, 0, 0, 0, samples, "novelty-eval-0", 0);
    }

    /** Every method's scores of one scenario, and the state each keeps across windows. */
    private final class Methods {
        private final NoveltyScorer trainedScorer = scorer();
        private final NoveltyScorer untrainedScorer = scorer();
        private final LogMelVector logMel = new LogMelVector(config.sampleRate(), config.inChannels());
        private final List<RunningMean> logMelMeans = new ArrayList<>();
        private final List<RunningMean> lossMeans = new ArrayList<>();
        private final List<SwitchScores> trainedTerms;
        private final List<SwitchScores> untrainedTerms;
        private final SwitchScores spectral;
        private final SwitchScores lossChange;

        Methods(int sources, int windows) {
            trainedTerms = terms(TRAINED, sources, windows);
            untrainedTerms = terms(UNTRAINED, sources, windows);
            spectral = new SwitchScores(LOG_MEL, sources, windows);
            lossChange = new SwitchScores(TRAINED + LOSS_CHANGE, sources, windows);
            for (int s = 0; s < sources; s++) {
                logMelMeans.add(new RunningMean(protocol.novelty().memoryWindows()));
                lossMeans.add(new RunningMean(protocol.novelty().memoryWindows()));
            }
        }

        private NoveltyScorer scorer() {
            return new NoveltyScorer(protocol.novelty(), new StreamReference(protocol.novelty()));
        }

        private static List<SwitchScores> terms(String model, int sources, int windows) {
            return List.of(new SwitchScores(model + LOSS, sources, windows),
                    new SwitchScores(model + SOURCE, sources, windows),
                    new SwitchScores(model + STREAM, sources, windows));
        }

        void score(int w, List<PendingWindow> tick, Inference trained, Inference untrained) {
            for (int s = 0; s < tick.size(); s++) {
                PendingWindow window = tick.get(s);
                record(trainedTerms, s, w, trainedScorer.score(window.sourceId(), trained.modelVersion(),
                        trained.contexts()[s], trained.ownFrameLosses()[s]));
                record(untrainedTerms, s, w, untrainedScorer.score(window.sourceId(), untrained.modelVersion(),
                        untrained.contexts()[s], untrained.ownFrameLosses()[s]));
                distanceThenAdd(spectral, logMelMeans.get(s), s, w, logMel.of(window.samples()));
                distanceThenAdd(lossChange, lossMeans.get(s), s, w,
                        new float[]{(float) trained.ownFrameLosses()[s]});
            }
        }

        /** The Euclidean distance of {@code vector} to the source's running mean, which then takes it in. */
        private static void distanceThenAdd(SwitchScores scores, RunningMean mean, int s, int w, float[] vector) {
            scores.put(s, w, mean.euclideanDistance(vector));
            mean.add(vector);
        }

        private static void record(List<SwitchScores> terms, int s, int w, NoveltyScore score) {
            terms.get(0).put(s, w, score.loss());
            terms.get(1).put(s, w, score.sourceDistance());
            terms.get(2).put(s, w, score.streamDistance());
        }

        List<SwitchScores> all() {
            List<SwitchScores> all = new ArrayList<>(trainedTerms);
            all.add(lossChange);
            all.add(spectral);
            all.addAll(untrainedTerms);
            return all;
        }
    }
}
