package dev.cpcstream.streams.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.Presets;
import dev.cpcstream.model.Window;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelSnapshot;
import dev.cpcstream.streams.broker.EmbeddedBroker;
import dev.cpcstream.streams.topology.CpcNames;
import dev.cpcstream.streams.topology.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code snapshot} takes the weights the instances follow off a real broker's model topic, and {@code embed} and
 * {@code baseline --like} take the file it writes. The topic holds tiny-preset snapshots of versions 0 to 6, each
 * committed in its own transaction as the trainer publishes them, then version 7 in an aborted one, which no
 * instance ever follows: more than the command's first pass back from the end reads. The trainer's own checkpoint
 * of each version is the reference for the vectors.
 */
class SnapshotCommandTest {

    private static final String PREFIX = "snapshot-test.";
    private static final int NEWEST_COMMITTED = 6;
    private static final int ABORTED = 7;

    private static EmbeddedBroker broker;
    /** The learner's snapshot and checkpoint at versions 0 to 7, as encoded on the topics. */
    private static final List<byte[]> SNAPSHOTS = new ArrayList<>();
    private static final List<byte[]> CHECKPOINTS = new ArrayList<>();

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @BeforeAll
    static void publishSnapshots() throws Exception {
        broker = EmbeddedBroker.start(EmbeddedBroker.FREE_PORT);
        Random random = new Random(11);
        try (OnlineLearner learner = new OnlineLearner(Presets.get("tiny"))) {
            for (int version = 0; version <= ABORTED; version++) {
                if (version > 0) {
                    learner.train(List.of(noise(learner, random, "a"), noise(learner, random, "b")));
                }
                assertEquals(version, learner.modelVersion());
                SNAPSHOTS.add(Codecs.MODEL_SNAPSHOT.encode(learner.snapshot()));
                CHECKPOINTS.add(Codecs.MODEL_CHECKPOINT.encode(learner.checkpoint(Map.of())));
            }
        }
        String topic = TopicNames.withPrefix(PREFIX).model();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> trainer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "snapshot-test-trainer"),
                new StringSerializer(), new ByteArraySerializer())) {
            trainer.initTransactions();
            for (int version = 0; version <= ABORTED; version++) {
                trainer.beginTransaction();
                trainer.send(new ProducerRecord<>(topic, CpcNames.SNAPSHOT_KEY, SNAPSHOTS.get(version))).get();
                if (version < ABORTED) {
                    trainer.commitTransaction();
                } else {
                    trainer.abortTransaction();
                }
            }
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void writesTheNewestCommittedSnapshotAsOnTheTopicAndEmbedTakesItsWeights() throws Exception {
        Path snapshot = dir.resolve("served.avro");
        assertEquals(0, snapshot(snapshot), cli.err.toString());

        JsonNode line = new ObjectMapper().readTree(cli.out.toString());
        assertEquals(NEWEST_COMMITTED, line.get("modelVersion").asLong(), "the newest committed, not the aborted");
        assertEquals(NEWEST_COMMITTED, line.get("step").asLong());
        assertEquals(snapshot.toString(), line.get("out").asText());
        assertEquals(ByteBuffer.wrap(SNAPSHOTS.get(NEWEST_COMMITTED)), ByteBuffer.wrap(Files.readAllBytes(snapshot)),
                "the record's bytes as on the topic");

        Path wavs = tones();
        List<String> fromSnapshot = embed(snapshot, wavs);
        assertEquals(embed(checkpoint(NEWEST_COMMITTED), wavs), fromSnapshot, "the trainer's own vectors");
        assertNotEquals(embed(checkpoint(NEWEST_COMMITTED - 1), wavs), fromSnapshot, "the version before's differ");
        assertNotEquals(embed(checkpoint(ABORTED), wavs), fromSnapshot, "and so do the aborted version's");
    }

    @Test
    void takesTheVersionAskedForAndSaysSoWhenTheTopicHasNoCommittedOne() throws IOException {
        for (int version : new int[]{1, NEWEST_COMMITTED - 1}) {
            Path snapshot = dir.resolve("version-" + version + ".avro");
            assertEquals(0, snapshot(snapshot, "--model-version", Integer.toString(version)), cli.err.toString());
            ModelSnapshot taken = Codecs.MODEL_SNAPSHOT.decode(Files.readAllBytes(snapshot));
            assertEquals(version, taken.getModelVersion());
            assertEquals(ByteBuffer.wrap(SNAPSHOTS.get(version)), ByteBuffer.wrap(Files.readAllBytes(snapshot)));
        }

        Path aborted = dir.resolve("aborted.avro");
        assertEquals(1, snapshot(aborted, "--model-version", Integer.toString(ABORTED)));
        assertTrue(cli.err.toString().contains("holds no committed snapshot of model version " + ABORTED),
                cli.err.toString());
        assertTrue(Files.notExists(aborted));
    }

    @Test
    void theRandomBaselineTakesTheArchitectureOfASnapshot() throws Exception {
        Path snapshot = dir.resolve("served.avro");
        assertEquals(0, snapshot(snapshot), cli.err.toString());
        Path wavs = tones();
        Path like = dir.resolve("like.jsonl");
        Path preset = dir.resolve("preset.jsonl");
        assertEquals(0, cli.run("baseline", "--source", "wav:" + wavs, "--kind", "random", "--like",
                snapshot.toString(), "--out", like.toString()), cli.err.toString());
        assertEquals(0, cli.run("baseline", "--source", "wav:" + wavs, "--kind", "random", "--preset", "tiny",
                "--out", preset.toString()), cli.err.toString());
        assertEquals(Files.readAllLines(preset), Files.readAllLines(like));
    }

    private int snapshot(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("snapshot", "--bootstrap", broker.bootstrapServers(),
                "--topic-prefix", PREFIX, "--out", out.toString()));
        args.addAll(List.of(options));
        return cli.run(args.toArray(String[]::new));
    }

    private Path checkpoint(int version) throws IOException {
        return Files.write(dir.resolve("checkpoint-" + version + ".avro"), CHECKPOINTS.get(version));
    }

    /** The lines {@code embed} writes for the tones with the model of {@code file}. */
    private List<String> embed(Path file, Path wavs) throws IOException {
        Path out = dir.resolve(file.getFileName() + ".jsonl");
        assertEquals(0, cli.run("embed", "--checkpoint", file.toString(), "--source", "wav:" + wavs, "--out",
                out.toString()), cli.err.toString());
        return Files.readAllLines(out);
    }

    private Path tones() throws IOException {
        Path wavs = dir.resolve("wav");
        for (int i = 0; i < 3; i++) {
            Tones.write(wavs.resolve("tone" + i + ".wav"), 300 + 700 * i, 0.1);
        }
        return wavs;
    }

    private static Window noise(OnlineLearner learner, Random random, String source) {
        float[] samples = new float[learner.config().window()];
        for (int t = 0; t < samples.length; t++) {
            samples[t] = (float) (0.1 * random.nextGaussian());
        }
        return new Window(source, samples);
    }
}
