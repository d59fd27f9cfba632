package dev.cpcstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.ModelSnapshot;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.topology.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Many instances, one model, as separate processes: a {@code cpcstream broker}, three {@code run} instances of one
 * application id and {@code produce} processes feeding 24 synthetic sources in real time to 8 frames partitions,
 * in two rounds. During the first, the instance that hosts the trainer task (the one whose train-step counter moves)
 * is killed with SIGKILL once a checkpoint exists; a survivor takes the task over from it. A fourth instance then
 * joins late, and the second round is sent to the three.
 *
 * <p>Embeddings do not name the instance that made them, so "versions never go back on an instance" is checked
 * per embeddings partition in offset order: a partition is served by one instance at a time, so this covers every
 * instance's output for every partition it served, and the hand-overs between instances as well.
 */
class ScaleOutE2eTest {

    private static final Pattern LISTENING = Pattern.compile("cpcstream broker: listening on localhost:(\\d+)");
    private static final Pattern TRAINER_TAKEN =
            Pattern.compile("trainer task \\S+ holds the model at version (\\d+); (\\d+) windows to train on again");
    /** The summary {@code run} prints once SIGTERM's drain has finished. */
    private static final Pattern DRAINED = Pattern.compile("^\\{\"framesIn\":");
    private static final String APPLICATION_ID = "e2e-scale-out";
    private static final String PREFIX = "scale-out.";
    private static final int SOURCES = 24;
    private static final int PARTITIONS = 8;
    /** Frames per source and round (10 ms each): the trainer is killed during the first round, before the second. */
    private static final long ROUND_FRAMES = 800;
    private static final String TRAIN_STEPS = "cpc_train_steps_total";
    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private static final Duration STOP = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(200);

    @Test
    void threeInstancesServeOneModelAndOutliveTheirTrainer(@TempDir Path dir) throws Exception {
        try (CliProcess broker = CliProcess.start("broker", "broker", "--port", "0", "--data",
                dir.resolve("broker").toString())) {
            String bootstrap = "localhost:" + broker.awaitMatch(LISTENING, START).group(1);
            AppSettings settings = AppSettings.fromProperties(config(bootstrap, dir.resolve("state-1")), Map.of());
            TopicNames topics = settings.topicNames();
            try (CliProcess run1 = startRun(1, bootstrap, dir);
                 CliProcess run2 = startRun(2, bootstrap, dir);
                 CliProcess run3 = startRun(3, bootstrap, dir)) {
                List<InstanceEndpoint> instances = new ArrayList<>();
                for (CliProcess run : List.of(run1, run2, run3)) {
                    instances.add(InstanceEndpoint.of(run, START));
                }
                for (InstanceEndpoint instance : instances) {
                    awaitReady(instance);
                }
                Map<String, Long> sent = new TreeMap<>();
                try (CliProcess firstRound = produce(bootstrap, 0)) {
                    InstanceEndpoint trainer = awaitTrainer(instances);
                    List<ModelCheckpoint> checkpointsBefore = awaitCheckpoint(bootstrap, topics);
                    List<ModelSnapshot> snapshotsBefore = snapshots(bootstrap, topics);
                    instances.remove(trainer);
                    Map<InstanceEndpoint, Long> takenBefore = trainerTakeOvers(instances);
                    trainer.process().kill(STOP);

                    long resumedAt = awaitTakeOver(instances, takenBefore);
                    ModelSnapshot lastBefore = snapshotsBefore.get(snapshotsBefore.size() - 1);
                    assertTrue(resumedAt >= lastBefore.getModelVersion(), "the new trainer holds model version "
                            + resumedAt + ", the last snapshot before the kill was " + lastBefore.getModelVersion());
                    addSent(sent, firstRound);

                    try (CliProcess run4 = startRun(4, bootstrap, dir)) {
                        InstanceEndpoint late = InstanceEndpoint.of(run4, START);
                        assertNotReadyUntilItHoldsASnapshot(late);
                        instances.add(late);
                        try (CliProcess secondRound = produce(bootstrap, ROUND_FRAMES)) {
                            addSent(sent, secondRound);
                        }
                        CpcConfig model = settings.modelConfig();
                        List<String> expected =
                                WindowKeys.expected(sent, SyntheticFeed.stepsPerFrame(model), model);
                        awaitEmbedded(bootstrap, topics, expected);
                        awaitTrainerCaughtUp(bootstrap, topics);
                        for (InstanceEndpoint survivor : instances) {
                            survivor.process().terminate(STOP);
                            survivor.process().awaitMatch(DRAINED, Duration.ZERO);
                        }

                        List<ConsumerRecord<byte[], byte[]>> records =
                                TopicReader.readRaw(bootstrap, topics.embeddings(), CATCH_UP);
                        WindowKeys.assertEachExactlyOnce(expected,
                                records.stream().map(r -> Codecs.EMBEDDING.decode(r.value())).toList());
                        assertVersionsNeverGoBack(records);
                        assertTrainingContinued(checkpointsBefore, snapshotsBefore, checkpoints(bootstrap, topics),
                                snapshots(bootstrap, topics));
                    }
                }
            }
        }
    }

    /** One round of every source's frames, paced as live devices send them, from {@code firstSeq} on. */
    private static CliProcess produce(String bootstrap, long firstSeq) throws IOException {
        return CliProcess.start("produce", "produce", "--bootstrap", bootstrap, "--topic-prefix", PREFIX, "--preset",
                Deployment.PRESET, "--source", "synthetic:" + SOURCES, "--realtime", "--first-seq",
                Long.toString(firstSeq), "--frames", Long.toString(ROUND_FRAMES));
    }

    private static void addSent(Map<String, Long> sent, CliProcess producer) throws Exception {
        assertEquals(0, producer.awaitExit(START), "the producer's exit status; see " + producer.log());
        framesBySource(producer).forEach((source, frames) -> sent.merge(source, frames, Long::sum));
    }

    /**
     * Waits for the application's committed offset on the training-windows partition to reach its end: the trainer
     * has consumed every training window, so each instance's drain on SIGTERM finds nothing left to wait for.
     */
    private static void awaitTrainerCaughtUp(String bootstrap, TopicNames topics) throws Exception {
        TopicPartition training = new TopicPartition(topics.trainingWindows(), 0);
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long end = admin.listOffsets(Map.of(training, OffsetSpec.latest()),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).partitionResult(training).get().offset();
            while (true) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                        .partitionsToOffsetAndMetadata().get().get(training);
                if (committed != null && committed.offset() >= end) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    fail("the trainer consumed the training windows up to " + committed + " of " + end + " in "
                            + CATCH_UP);
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /** The checkpoints so far, once there is one: the kill must leave a checkpoint to resume from. */
    private static List<ModelCheckpoint> awaitCheckpoint(String bootstrap, TopicNames topics)
            throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        List<ModelCheckpoint> checkpoints;
        while ((checkpoints = checkpoints(bootstrap, topics)).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                fail("no checkpoint in " + CATCH_UP);
            }
            Thread.sleep(POLL.toMillis());
        }
        return checkpoints;
    }

    /** Polls {@code /health} from the late joiner's first answer on until it is ready. */
    private static void assertNotReadyUntilItHoldsASnapshot(InstanceEndpoint late) throws InterruptedException {
        List<JsonNode> answers = new ArrayList<>();
        long deadline = System.nanoTime() + START.toNanos();
        do {
            answers.add(late.health());
            if (System.nanoTime() - deadline > 0) {
                fail("the late instance is not ready after " + START + ": " + answers.get(answers.size() - 1));
            }
            Thread.sleep(POLL.toMillis());
        } while (!answers.get(answers.size() - 1).get("ready").asBoolean());
        assertTrue(!answers.get(0).get("ready").asBoolean(), "not ready at its first answer: " + answers.get(0));
        for (JsonNode answer : answers) {
            assertTrue(!answer.get("ready").asBoolean() || answer.get("modelRestored").asBoolean(),
                    "ready only while holding a snapshot: " + answer);
        }
    }

    private static void awaitReady(InstanceEndpoint instance) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (!instance.health().get("ready").asBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail(instance.process().log() + " is not ready after " + START + ": " + instance.health());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The one instance whose train-step counter moves between two scrapes while the others' stand still. */
    private static InstanceEndpoint awaitTrainer(List<InstanceEndpoint> instances) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        Map<InstanceEndpoint, Double> previous = trainSteps(instances);
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(Duration.ofSeconds(1).toMillis());
            Map<InstanceEndpoint, Double> now = trainSteps(instances);
            List<InstanceEndpoint> training = instances.stream()
                    .filter(i -> now.get(i) > previous.get(i)).toList();
            if (training.size() == 1) {
                return training.get(0);
            }
            previous.putAll(now);
        }
        fail("no single instance trains: train steps " + trainSteps(instances));
        return null;
    }

    private static Map<InstanceEndpoint, Double> trainSteps(List<InstanceEndpoint> instances)
            throws InterruptedException {
        Map<InstanceEndpoint, Double> steps = new HashMap<>();
        for (InstanceEndpoint instance : instances) {
            steps.put(instance, instance.metric(TRAIN_STEPS));
        }
        return steps;
    }

    private static Map<InstanceEndpoint, Long> trainerTakeOvers(List<InstanceEndpoint> instances) {
        Map<InstanceEndpoint, Long> counts = new HashMap<>();
        instances.forEach(i -> counts.put(i, takeOverLines(i).count()));
        return counts;
    }

    private static Stream<Matcher> takeOverLines(InstanceEndpoint instance) {
        return instance.process().lines().stream().map(TRAINER_TAKEN::matcher).filter(Matcher::find);
    }

    /** Waits for a survivor to log that it took the trainer task; returns the model version it holds. */
    private static long awaitTakeOver(List<InstanceEndpoint> survivors, Map<InstanceEndpoint, Long> before)
            throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (InstanceEndpoint survivor : survivors) {
                List<Matcher> taken = takeOverLines(survivor).toList();
                if (taken.size() > before.get(survivor)) {
                    return Long.parseLong(taken.get(taken.size() - 1).group(1));
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        fail("no survivor took the trainer task in " + CATCH_UP);
        return -1;
    }

    /** Reads the embeddings until every expected window has one; the exact check comes after the drain. */
    private static void awaitEmbedded(String bootstrap, TopicNames topics, List<String> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        Set<String> wanted = new HashSet<>(expected);
        while (true) {
            Set<String> embedded = new HashSet<>();
            TopicReader.readAll(bootstrap, topics.embeddings(), Codecs.EMBEDDING, CATCH_UP)
                    .forEach(e -> embedded.add(WindowKeys.of(e)));
            if (embedded.containsAll(wanted)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                wanted.removeAll(embedded);
                fail(wanted.size() + " of " + expected.size() + " windows still have no embedding after " + CATCH_UP);
            }
            Thread.sleep(Duration.ofSeconds(2).toMillis());
        }
    }

    private static void assertVersionsNeverGoBack(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, List<Long>> versions = new TreeMap<>();
        records.forEach(r -> versions.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                .add(Codecs.EMBEDDING.decode(r.value()).getModelVersion()));
        versions.forEach((partition, inOrder) -> {
            assertEquals(inOrder.stream().sorted().toList(), inOrder, "model versions of partition " + partition);
            assertTrue(inOrder.get(inOrder.size() - 1) > 0, "partition " + partition + " follows the training");
        });
    }

    /** The new trainer went on from the last checkpoint: steps and versions continue, never reset. */
    private static void assertTrainingContinued(List<ModelCheckpoint> checkpointsBefore,
                                                List<ModelSnapshot> snapshotsBefore,
                                                List<ModelCheckpoint> checkpoints, List<ModelSnapshot> snapshots) {
        List<Long> checkpointSteps = checkpoints.stream().map(ModelCheckpoint::getStep).toList();
        List<Long> snapshotSteps = snapshots.stream().map(ModelSnapshot::getStep).toList();
        List<Long> snapshotVersions = snapshots.stream().map(ModelSnapshot::getModelVersion).toList();
        assertEquals(checkpointSteps.stream().sorted().toList(), checkpointSteps, "checkpoint steps");
        assertEquals(snapshotSteps.stream().sorted().toList(), snapshotSteps, "snapshot steps");
        assertEquals(snapshotVersions.stream().sorted().toList(), snapshotVersions, "snapshot versions");
        assertTrue(checkpoints.size() > checkpointsBefore.size(), "the new trainer checkpoints");
        assertTrue(snapshots.size() > snapshotsBefore.size(), "the new trainer publishes snapshots");
        long lastCheckpointStep = checkpointsBefore.get(checkpointsBefore.size() - 1).getStep();
        long firstStepAfter = snapshots.get(snapshotsBefore.size()).getStep();
        assertTrue(firstStepAfter >= lastCheckpointStep, "the new trainer's first snapshot is at step "
                + firstStepAfter + ", the last checkpoint before the kill at " + lastCheckpointStep);
        assertTrue(snapshotSteps.get(snapshotSteps.size() - 1) > snapshotsBefore.get(snapshotsBefore.size() - 1)
                .getStep(), "the new trainer trains: " + snapshotSteps);
    }

    private static List<ModelCheckpoint> checkpoints(String bootstrap, TopicNames topics) {
        return TopicReader.readAll(bootstrap, topics.checkpoints(), Codecs.MODEL_CHECKPOINT, CATCH_UP);
    }

    private static List<ModelSnapshot> snapshots(String bootstrap, TopicNames topics) {
        return TopicReader.readAll(bootstrap, topics.model(), Codecs.MODEL_SNAPSHOT, CATCH_UP);
    }

    private static Map<String, Long> framesBySource(CliProcess producer) throws IOException, InterruptedException {
        Map<String, Long> frames = ProducerSummary.framesBySource(producer);
        assertEquals(SOURCES, frames.size(), "sources in the summary of " + producer.log());
        return frames;
    }

    private static CliProcess startRun(int instance, String bootstrap, Path dir) throws IOException {
        Path file = dir.resolve("run-" + instance + ".properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            config(bootstrap, dir.resolve("state-" + instance)).store(writer, "cpcstream run, ScaleOutE2eTest");
        }
        return CliProcess.start("run-" + instance, "run", "--config", file.toString());
    }

    /**
     * One application id and config for all instances but the state directory. Short session timeout: a killed
     * instance's partitions move in seconds, not the consumer default.
     */
    private static Properties config(String bootstrap, Path stateDir) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty("application.id", APPLICATION_ID);
        p.setProperty("state.dir", stateDir.toString());
        p.setProperty("num.stream.threads", "1");
        p.setProperty("session.timeout.ms", "10000");
        p.setProperty(AppSettings.PRESET, Deployment.PRESET);
        p.setProperty(AppSettings.TOPIC_PREFIX, PREFIX);
        p.setProperty(AppSettings.TOPIC_PARTITIONS, Integer.toString(PARTITIONS));
        p.setProperty(AppSettings.METRICS_PORT, "0");
        p.setProperty(AppSettings.BATCH_WINDOWS, "16");
        p.setProperty(AppSettings.CHECKPOINT_EVERY_STEPS, "25");
        p.setProperty(AppSettings.SNAPSHOT_EVERY_STEPS, "10");
        return p;
    }
}
