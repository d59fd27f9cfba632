package dev.cpcstream.streams.app;

import dev.cpcstream.model.nd4j.MathThreads;
import dev.cpcstream.monitoring.CpcMetrics;
import dev.cpcstream.monitoring.MetricNames;
import dev.cpcstream.monitoring.MetricsServer;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.streams.topology.CpcNames;
import dev.cpcstream.streams.topology.CpcTopology;
import dev.cpcstream.streams.topology.LearnerOwner;
import dev.cpcstream.streams.topology.LearningProgress;
import dev.cpcstream.streams.topology.PendingWindow;
import dev.cpcstream.streams.topology.TopicCodecs;
import dev.cpcstream.streams.topology.TopicNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A cpcstream application: its topics, its learner (restored from the newest checkpoint) and the Kafka Streams
 * client running {@link CpcTopology} over them, with metrics and /health. The seams are those of Kafka's
 * WordCountDemo: settings in ({@link AppSettings}), the topology from one builder, and start and close here.
 *
 * <p>Not thread-safe: one thread starts, drains and closes it; {@link #status()} may be called from any thread.
 */
public final class CpcStreamsApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CpcStreamsApp.class);

    /** Joining the group, restoring state and the first assignment take seconds; more means something is wrong. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long WAIT_STEP_MS = 100;
    private static final Set<KafkaStreams.State> STOPPED = Set.of(KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);

    private final AppSettings settings;
    private final MeterRegistry registry;
    private final CpcMetrics metrics;
    private final TopicNames topics;
    private final RejectedCheckpoints rejectedCheckpoints;
    private Admin admin;
    private CheckpointTopic checkpointTopic;
    private InputProgress inputProgress;
    private InputProgress trainingProgress;
    private LearnerOwner owner;
    /** The trainer task's learner while this instance hosts that task; set on the stream thread. */
    private volatile LearnerOwner hostedTrainer;
    private MetricsServer metricsServer;
    private KafkaStreams streams;
    /** What stopped a stream thread, and with it the application; set on that thread. */
    private volatile Throwable streamFailure;

    public CpcStreamsApp(AppSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.metrics = new CpcMetrics(registry);
        this.topics = settings.topicNames();
        this.rejectedCheckpoints = new RejectedCheckpoints(metrics);
    }

    /**
     * Registers the embedding schema (in the registry wire format), serves metrics (when {@code cpc.metrics.port} is
     * not negative), creates missing topics, restores the newest checkpoint, starts Kafka Streams and waits until it
     * is RUNNING.
     *
     * @throws dev.cpcstream.schemas.SchemaRegistryException if the registry cannot be reached or refuses the schema
     */
    public void start() {
        log.info("cpcstream settings: {}", settings.describe());
        MathThreads.use(settings.effectiveMathThreads());
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        // Before anything is started: an unreachable registry or a refused schema stops the start with its answer.
        TopicCodecs codecs = TopicCodecsFactory.open(settings, topics);
        // Before the restore, so /metrics answers and /health says "not ready" through it rather than refusing.
        startMetricsServer();
        admin = Admin.create(settings.adminProperties());
        TopicCreator topicCreator = new TopicCreator(admin);
        topicCreator.createMissing(topics, settings.topicPartitions(), settings.topicReplication(),
                settings.checkpointMaxBytes());
        settings.output().jsonTopic().ifPresent(topic -> topicCreator.createMissing(topic,
                settings.topicPartitions(), settings.topicReplication()));
        inputProgress = new InputProgress(admin, settings.applicationId(), topics.frames());
        checkpointTopic = new CheckpointTopic(settings.consumerProperties(), topics.checkpoints());
        trainingProgress = new InputProgress(admin, settings.applicationId(), topics.trainingWindows());
        owner = CheckpointRestorer.restore(settings.modelConfig(), settings.stream(), checkpointTopic, deadline,
                false, rejectedCheckpoints);
        settings.requireCheckpointFits(owner.config(), owner.checkpointBytes());
        metrics.learningRate(owner.config().learningRate());
        metrics.weightsInUse(owner.progress().modelVersion());
        // Without a checkpoint the instance becomes ready when it takes its first snapshot (ModelFollower).
        if (owner.holdsModel()) {
            metrics.health().modelRestored();
        }

        streams = new KafkaStreams(CpcTopology.build(topics, codecs, settings.stream(), owner, this::restoreTrainer,
                metrics),
                settings.streamsProperties());
        streams.setStateListener(metrics.health());
        streams.setUncaughtExceptionHandler(new StreamThreadFailures(settings.threadReplacements(), System::nanoTime,
                failure -> streamFailure = failure));
        metrics.bindKafkaStreams(streams);
        streams.start();
        await(deadline, "the streams client to be RUNNING", () -> streams.state() == KafkaStreams.State.RUNNING);
        log.info("running: {} -> {}, model version {}", topics.frames(), topics.embeddings(),
                owner.progress().modelVersion());
    }

    /** The trainer task's learner while this instance hosts that task. */
    private Optional<LearnerOwner> hostedTrainer() {
        return Optional.ofNullable(hostedTrainer).filter(LearnerOwner::isOpen);
    }

    /** In the trainer task's init, on a stream thread: a consumer of its own, since the main thread uses its own. */
    private LearnerOwner restoreTrainer() {
        try (CheckpointTopic topic = new CheckpointTopic(settings.consumerProperties(), topics.checkpoints())) {
            LearnerOwner trainer = CheckpointRestorer.restore(settings.modelConfig(), settings.stream(), topic,
                    Instant.now().plus(START_TIMEOUT), true, rejectedCheckpoints);
            hostedTrainer = trainer;
            return trainer;
        }
    }

    /**
     * Where /metrics and /health are served, with the port actually bound ({@code cpc.metrics.port} 0 picks one);
     * empty when the port setting is negative (no server) or before {@link #start()}.
     */
    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metricsServer).map(MetricsServer::address);
    }

    /** Whether Kafka Streams has given this instance the trainer task, the one task that trains. */
    public boolean hostsTrainer() {
        return hostedTrainer().isPresent();
    }

    /**
     * The failure that stopped the application while it ran (a bug, a refusal that does not heal, a broker's error
     * that kept coming back: {@link StreamThreadFailures}), for its owner to report and stop on; empty while it runs.
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(streamFailure);
    }

    /** @throws IllegalStateException before {@link #start()} */
    public AppStatus status() {
        requireStarted();
        LearningProgress progress = hostedTrainer().orElse(owner).progress();
        return new AppStatus(count(MetricNames.FRAMES_IN), count(MetricNames.WINDOWS),
                count(MetricNames.EMBEDDINGS_OUT), count(MetricNames.DEAD_LETTERS), progress.steps(),
                count(MetricNames.TRAINING_WINDOWS), progress.firstLoss(), progress.lastLoss(), progress.chanceLoss(), progress.firstAccuracy(),
                progress.lastAccuracy(), progress.modelVersion(), lagFrames());
    }

    /**
     * Waits until every frame produced so far is consumed and committed and every assembled window has its
     * embedding; then, when training is on, until every training window is consumed by the trainer task, and, on
     * the instance hosting that task, for a final checkpoint committed to the checkpoint topic. That checkpoint's
     * commit also commits every embedding its stream thread made before it (one thread, one producer, one
     * transaction after another); embeddings of other threads and of instances not hosting the trainer are
     * committed with their thread's next commit ({@code commit.interval.ms}) or on close. Frames held back by
     * the reorder buffer, and a source's partial window, stay where they are: they are not windows yet.
     *
     * @throws IllegalStateException if the timeout passes first or the streams client stops
     */
    public void drain(Duration timeout) {
        requireStarted();
        Instant deadline = Instant.now().plus(timeout);
        Map<TopicPartition, Long> produced = inputProgress.produced();
        await(deadline, "every frame produced to be consumed", () -> inputProgress.committedUpTo(produced));
        await(deadline, "every assembled window to be embedded", () -> pendingWindows() == 0);
        if (!settings.stream().trainEnabled()) {
            log.info("drained: the model is frozen");
            return;
        }
        // Produced offsets read afresh each time: the last training windows go out with the last embeddings' commit.
        await(deadline, "every training window to reach the trainer",
                () -> trainingProgress.committedUpTo(trainingProgress.produced()));
        Optional<LearnerOwner> hosted = hostedTrainer();
        if (hosted.isEmpty()) {
            log.info("drained: another instance hosts the trainer task and takes the checkpoints");
            return;
        }
        LearnerOwner trainer = hosted.get();
        long fromOffset = checkpointTopic.endOffset();
        CompletableFuture<ModelCheckpoint> requested = trainer.requestCheckpoint();
        await(deadline, "a task to take the final checkpoint", requested::isDone);
        ModelCheckpoint last = requested.join();
        checkpointTopic.awaitCommitted(last, fromOffset, deadline);
        log.info("drained: final checkpoint at step {}, model version {}", last.getStep(), last.getModelVersion());
    }

    @Override
    public void close() {
        if (streams != null) {
            // A static member (group.instance.id set) leaves the group, so its partitions move at once rather than
            // after session.timeout.ms; a dynamic one stays a member until that timeout, as Kafka Streams does.
            streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
        }
        metrics.close();
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (checkpointTopic != null) {
            checkpointTopic.close();
        }
        if (admin != null) {
            admin.close(CLOSE_TIMEOUT);
        }
        if (owner != null) {
            owner.close();
        }
    }

    private void requireStarted() {
        if (streams == null) {
            throw new IllegalStateException("the application has not been started");
        }
    }

    private void startMetricsServer() {
        if (settings.metricsPort() < 0) {
            return;
        }
        try {
            metricsServer = MetricsServer.start(settings.metricsAddress(), settings.metricsPort(), prometheus(),
                    metrics.health());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + settings.metricsAddress() + ":"
                    + settings.metricsPort() + " (" + AppSettings.METRICS_PORT + "): " + e.getMessage(), e);
        }
    }

    private PrometheusMeterRegistry prometheus() {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return prometheus;
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry member : composite.getRegistries()) {
                if (member instanceof PrometheusMeterRegistry prometheus) {
                    return prometheus;
                }
            }
        }
        throw new IllegalArgumentException(AppSettings.METRICS_PORT + " serves /metrics from a"
                + " PrometheusMeterRegistry, but the application was given a " + registry.getClass().getSimpleName());
    }

    private long count(String counterName) {
        return (long) registry.find(counterName).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** From the streams consumers' own fetch metrics (Kafka writes a dotted topic name with underscores there). */
    private long lagFrames() {
        String topic = topics.frames();
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            MetricName name = entry.getKey();
            String tagged = name.tags().get("topic");
            if (name.name().equals("records-lag") && name.tags().containsKey("partition")
                    && (topic.equals(tagged) || topic.replace('.', '_').equals(tagged))
                    && entry.getValue().metricValue() instanceof Double value && Double.isFinite(value)) {
                lag += value;
            }
        }
        return (long) lag;
    }

    private long pendingWindows() {
        try {
            ReadOnlyKeyValueStore<Long, PendingWindow> pending = streams.store(StoreQueryParameters.fromNameAndType(
                    CpcNames.PENDING_WINDOWS_STORE, QueryableStoreTypes.keyValueStore()));
            long count = 0;
            try (KeyValueIterator<Long, PendingWindow> windows = pending.all()) {
                for (; windows.hasNext(); windows.next()) {
                    count++;
                }
            }
            return count;
        } catch (InvalidStateStoreException e) {
            // Migrating during a rebalance: ask again at the next step.
            return -1;
        }
    }

    private void await(Instant deadline, String what, BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            KafkaStreams.State state = streams == null ? null : streams.state();
            if (state != null && STOPPED.contains(state)) {
                throw new IllegalStateException("the streams client is " + state + " while waiting for " + what
                        + " (the cause is logged above)");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for " + what + "; " + status());
            }
            try {
                Thread.sleep(WAIT_STEP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
