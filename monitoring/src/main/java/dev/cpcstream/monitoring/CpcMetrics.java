package dev.cpcstream.monitoring;

import dev.cpcstream.model.TrainResult;
import dev.cpcstream.schemas.DeadLetterReason;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every meter cpcstream exports, named once in {@link MetricNames}. The streams side calls these methods as data
 * flows; the dashboards and alert rules query the names they create. Each group of meters has its own class:
 * learning, representation health, flow, the trainer's intake, checkpoints, resources, model following, Kafka Streams, readiness.
 *
 * <p>All methods are cheap and thread-safe. The one costly statistic, the effective rank of recent embeddings, is
 * recomputed on a background daemon thread every {@link MetricsSettings#representationRefresh()}.
 */
public final class CpcMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CpcMetrics.class);

    private final MeterRegistry registry;
    private final MetricsSettings settings;
    private final LearningMeters learning;
    private final RepresentationMeters representation;
    private final FlowMeters flow;
    private final TrainingIntakeMeters trainingIntake;
    private final NoveltyMeters novelty;
    private final CheckpointMeters checkpoints;
    private final ResourceMeters resources;
    private final ModelFollowingMeters following;
    private final SourceMeters sources;
    private final Health health;
    private final ScheduledExecutorService representationRefresher;
    private KafkaStreamsMeters kafkaStreams;

    public CpcMetrics(MeterRegistry registry) {
        this(registry, MetricsSettings.DEFAULTS);
    }

    public CpcMetrics(MeterRegistry registry, MetricsSettings settings) {
        this.registry = registry;
        this.settings = settings;
        learning = new LearningMeters(registry);
        representation = new RepresentationMeters(registry, settings.embeddingSampleRows());
        flow = new FlowMeters(registry);
        trainingIntake = new TrainingIntakeMeters(registry);
        novelty = new NoveltyMeters(registry);
        checkpoints = new CheckpointMeters(registry);
        resources = new ResourceMeters(registry);
        following = new ModelFollowingMeters(registry);
        sources = new SourceMeters(registry);
        health = new Health(registry);
        representationRefresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cpc-representation-health");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.representationRefresh().toMillis();
        representationRefresher.scheduleWithFixedDelay(this::refreshQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /** One training step: loss, chance, accuracy (overall and per k), grad norm, alignment, uniformity, queue. */
    public void trainStep(TrainResult result, long nanos) {
        learning.record(result, nanos);
    }

    /** One inference pass over {@code windows} windows (windows not trained on). */
    public void inference(int windows, long nanos) {
        flow.inference(windows, nanos);
    }

    public void framesIn(long frames) {
        flow.framesIn(frames);
    }

    public void window() {
        flow.window();
    }

    /** An embedding published; {@code eventLagMillis} from the window's last frame timestamp to now. */
    public void embeddingOut(long eventLagMillis) {
        flow.embeddingOut(eventLagMillis);
    }

    /**
     * Representation health over recent embeddings: per-dimension std and effective rank. {@code contexts} is
     * {@code [B][H]}, copied; {@link #trainStep} does not feed its contexts here, so pass each embedding once.
     */
    public void embeddings(float[][] contexts) {
        representation.add(contexts);
    }

    /** {@code count} windows reached the trainer and had {@code outcome}; each outcome is exported at 0 from the start. */
    public void trainingWindows(TrainingIntake outcome, int count) {
        trainingIntake.windows(outcome, count);
    }

    /** The last window to reach the trainer had waited {@code millis} since it was forwarded. */
    public void trainingLag(long millis) {
        trainingIntake.lag(millis);
    }

    /** Each reason is its own time series, exported at 0 from the start. */
    /** A window's novelty score (null while warming up), and whether it went to the novelty topic. */
    public void noveltyScored(Double score, boolean novel) {
        novelty.scored(score, novel);
    }

    public void deadLetter(DeadLetterReason reason) {
        flow.deadLetter(reason);
    }

    public void duplicate() {
        flow.duplicate();
    }

    public void gap() {
        flow.gap();
    }

    public void reordered() {
        flow.reordered();
    }

    /** A checkpoint of {@code bytes} was written at {@code epochMillis}. */
    public void checkpoint(long bytes, long epochMillis) {
        checkpoints.checkpoint(bytes, epochMillis);
    }

    /** A stored checkpoint was passed over at restore; each reason is exported at 0 from the start. */
    public void checkpointRejected(CheckpointRejection reason) {
        checkpoints.rejected(reason);
    }

    /** A snapshot of {@code modelVersion} arrived on the model topic, whether or not its weights are taken. */
    public void snapshotSeen(long modelVersion) {
        following.snapshotSeen(modelVersion);
    }

    /** The weights this instance embeds with are now at {@code modelVersion}. */
    public void weightsInUse(long modelVersion) {
        following.weightsInUse(modelVersion);
    }

    /** A snapshot was refused: it was taken with another model config. */
    public void snapshotRefused() {
        following.refused();
    }

    /** The sources a learner carries a GRU state for, after its latest batch. */
    public void sourcesCarried(boolean trainer, int count) {
        sources.carried(trainer, count);
    }

    public void learningRate(double lr) {
        learning.learningRate(lr);
    }

    /**
     * Kafka Streams' own client, thread and task metrics through Micrometer's binder. Binding another client
     * replaces the previous one's meters.
     */
    public synchronized void bindKafkaStreams(KafkaStreams streams) {
        if (kafkaStreams != null) {
            kafkaStreams.close();
        }
        kafkaStreams = new KafkaStreamsMeters(streams, registry, settings.kafkaMetricsRefresh());
    }

    /** Readiness, for {@link MetricsServer} and the {@code cpc_ready} gauge; the streams side reports to it. */
    public Health health() {
        return health;
    }

    /** Recomputes the representation statistics now, on the caller's thread, instead of waiting for the refresh. */
    public void refreshRepresentationHealth() {
        representation.refresh();
    }

    /** Stops the background refreshes and unbinds Kafka Streams; the other meters stay in the registry. */
    @Override
    public synchronized void close() {
        representationRefresher.shutdownNow();
        if (kafkaStreams != null) {
            kafkaStreams.close();
            kafkaStreams = null;
        }
        resources.close();
    }

    /** A failure must not cancel the periodic task (the executor would silently stop running it). */
    private void refreshQuietly() {
        try {
            representation.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not compute representation health; will retry at the next refresh", e);
        }
    }
}
