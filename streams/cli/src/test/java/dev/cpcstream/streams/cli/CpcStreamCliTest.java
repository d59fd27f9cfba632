package dev.cpcstream.streams.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcstream.streams.broker.EmbeddedBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpcStreamCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = CpcStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "broker", "run", "produce", "tail", "snapshot", "embed"})
    void everySubcommandExplainsItself(String subcommand) {
        assertEquals(0, run(subcommand, "--help"));
        assertTrue(out.toString().startsWith("Usage: cpcstream " + subcommand), out.toString());
    }

    @Test
    void aTypoInAModelSettingFailsBeforeAnythingStartsAndNamesTheKnownKeys() {
        assertEquals(1, run("demo", "--preset", "tiny", "--set", "negativs=8"));
        assertTrue(err.toString().contains("unknown model setting 'negativs'"), err.toString());
        assertTrue(err.toString().contains("negatives"), err.toString());
    }

    @Test
    void anOutOfRangeModelSettingSaysWhatToSetInstead() {
        assertEquals(1, run("demo", "--preset", "small", "--set", "negatives=-5"));
        assertEquals("cpcstream demo: model setting negatives = -5 is invalid: negatives are drawn from the queue,"
                + " so set it between 1 and queueSize = 8192 (or raise queueSize)", err.toString().strip());
    }

    @Test
    void demoRefusesABadApplicationSettingBeforeAnythingStarts() {
        assertEquals(1, run("demo", "--preset", "tiny", "--app", "cpc.batch.windwos=8"));
        assertTrue(err.toString().contains("cpc.batch.windwos"), err.toString());
    }

    @Test
    void demoRefusesAnApplicationSettingItMakesFromItsOwnOptions() {
        assertEquals(2, run("demo", "--preset", "tiny", "--app", "cpc.model.negatives=8"));
        assertTrue(err.toString().startsWith("--app cpc.model.negatives: the demo sets it; use its own option"),
                err.toString());
    }

    @Test
    void aMissingCheckpointSaysWhatToPassInstead(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        assertEquals(1, run("embed", "--checkpoint", missing.toString(), "--source", "wav:" + dir,
                "--out", dir.resolve("out.jsonl").toString()));
        assertEquals("cpcstream embed: " + missing + ": no such checkpoint file or directory; pass a"
                + " checkpoint-<version>.avro file, or the directory run or demo wrote them to (cpc.checkpoint.dir,"
                + " demo --checkpoint-dir)", err.toString().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"produce", "tail", "run"})
    void anUnreachableClusterFailsFastWithOneLine(String command, @TempDir Path dir) throws Exception {
        String closedPort = "127.0.0.1:" + closedPort();
        Path config = Files.writeString(dir.resolve("app.properties"), "bootstrap.servers=" + closedPort + "\n");
        String[] target = command.equals("run") ? new String[]{"--config", config.toString()}
                : new String[]{"--bootstrap", closedPort};
        long start = System.nanoTime();

        int exit = run(Stream.concat(Stream.of(command, "--connect-timeout", "2s"), Stream.of(target))
                .toArray(String[]::new));

        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, exit, err.toString());
        assertTrue(seconds < 15, "gave up after " + seconds + " s");
        String expectedStart = "cpcstream " + command + ": cannot reach Kafka at " + closedPort + " within 2s (";
        assertTrue(err.toString().startsWith(expectedStart), err.toString());
        assertTrue(err.toString().strip().endsWith("and that the broker is running, or wait longer with"
                + " --connect-timeout"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aBadSourceIsAUsageError() {
        assertEquals(2, run("produce", "--bootstrap", "localhost:9", "--source", "mp3:/music"));
        assertTrue(err.toString().contains("wav:DIR"), err.toString());
    }

    @Test
    void withoutASubcommandItPrintsTheCommands() {
        assertEquals(0, run());
        assertTrue(err.toString().contains("bench-model"), err.toString());
    }

    @Test
    void benchStreamMeasuresEachPhaseAndItsRatioToTheBareModel(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bench.json");
        assertEquals(0, run("bench-stream", "--preset", "tiny", "--sources", "2", "--seconds", "3", "--warm-up",
                "3s", "--latency-speed", "5", "--out", json.toString()), err.toString());

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.get("bare").get("train_windows_per_s").asDouble() > 0, report.toString());
        JsonNode phases = report.get("phases");
        assertEquals(3, phases.size(), report.toString());
        JsonNode train = phases.get(0);
        assertTrue(train.get("result").get("trainedPerSecond").asDouble() > 0, train.toString());
        assertTrue(train.get("train_vs_bare").asDouble() > 0, train.toString());
        assertTrue(train.get("result").get("latencyP99Ms").isNull(), "unpaced, no latency: " + train);
        JsonNode embedOnly = phases.get(1);
        assertEquals(0, embedOnly.get("result").get("trainedPerSecond").asDouble(), embedOnly.toString());
        assertTrue(report.get("scores_novelty").asBoolean(), "novelty is on by default: " + report);
        double scoredBare = report.get("bare").get("infer_with_own_frame_losses_windows_per_s").asDouble();
        assertEquals(embedOnly.get("result").get("embeddingsPerSecond").asDouble() / scoredBare,
                embedOnly.get("embed_vs_bare").asDouble(), 1e-9,
                "compared with the bare forward that also computes the own-frame losses: " + report);
        JsonNode latency = phases.get(2).get("result");
        assertEquals(5, latency.get("speed").asDouble(), latency.toString());
        assertTrue(latency.get("latencyP99Ms").asDouble() >= latency.get("latencyP50Ms").asDouble()
                && latency.get("latencyP50Ms").asDouble() > 0, latency.toString());
    }

    @Test
    void benchStreamMeasuresAgainstABrokerItDidNotStartAndTwoRunsDoNotShareTopics(@TempDir Path dir)
            throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.FREE_PORT)) {
            for (String name : List.of("first.json", "second.json")) {
                assertEquals(0, run("bench-stream", "--preset", "tiny", "--sources", "2", "--phases", "latency",
                        "--seconds", "2", "--warm-up", "2s", "--bootstrap", broker.bootstrapServers(), "--out",
                        dir.resolve(name).toString()), err.toString());
                JsonNode report = new ObjectMapper().readTree(dir.resolve(name).toFile());
                assertEquals(broker.bootstrapServers(), report.get("broker").asText(), report.toString());
                assertTrue(report.get("phases").get(0).get("result").get("embeddingsPerSecond").asDouble() > 0,
                        report.toString());
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()))) {
                long frameTopics = admin.listTopics().names().get().stream()
                        .filter(topic -> topic.startsWith("bench-latency-2-") && topic.endsWith(".frames")).count();
                assertEquals(2, frameTopics, "one frames topic per run");
            }
        }
    }

    @Test
    void benchStreamsSourcesPhaseGivesCostPerFrameAgainstTenSources(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("sources.json");
        assertEquals(0, run("bench-stream", "--preset", "tiny", "--sources", "1,10", "--phases", "sources",
                "--seconds", "3", "--warm-up", "2s", "--out", json.toString()), err.toString());

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(0, report.get("phases").size(), report.toString());
        JsonNode counts = report.get("many_sources");
        assertEquals(2, counts.size(), report.toString());
        JsonNode ten = counts.get(1);
        JsonNode result = ten.get("result");
        assertEquals(10, result.get("sources").asInt(), ten.toString());
        assertEquals(1.0, ten.get("cpu_per_frame_vs_10_sources").asDouble(), 1e-9, ten.toString());
        assertTrue(result.get("framesPerSecond").asDouble() > 0 && result.get("cpuUsPerFrame").asDouble() > 0,
                ten.toString());
        assertTrue(result.get("embeddingsPerSecond").asDouble() > 0, "the staggered windows complete: " + ten);
        assertTrue(result.get("assemblerFrames").get("diskBytes").asLong() > 0, ten.toString());
    }

    @Test
    void benchModelTimesTheStepOnTheBackendItNames() throws IOException {
        assertEquals(0, run("bench-model", "--channels", "16", "--hidden", "16", "--window", "3200",
                "--steps-ahead", "2", "--negatives", "8", "--queue", "64", "--steps", "2", "--warmup", "1",
                "--threads", "1"), err.toString());

        JsonNode result = new ObjectMapper().readTree(out.toString().strip());
        assertTrue(result.get("train_step_ms").get("median").asDouble() > 0, result.toString());
        assertTrue(result.get("backend").asText().startsWith("Cpu"), result.toString());
    }
}
