package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.RegistryConnection;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.app.AppStatus;
import dev.cpcstream.streams.app.CpcStreamsApp;
import dev.cpcstream.streams.cli.CpcStreamCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's client subcommands against a running deployment: produce into it, tail it, embed offline. */
@ExtendWith(SharedBroker.class)
class CliE2eTest {

    private static final Pattern FRAMES = Pattern.compile("\"frames\":(\\d+)");
    private static final Pattern VECTOR = Pattern.compile("\"vector\":\\[([^]]*)]");

    @Test
    void produceTailAndEmbedWorkWithTheLearner(@TempDir Path dir) throws IOException {
        Path checkpoints = dir.resolve("checkpoints");
        Deployment deployment = new Deployment("cli", dir.resolve("state"),
                Map.of(AppSettings.CHECKPOINT_DIR, checkpoints.toString()));
        CpcConfig model = deployment.model();
        String bootstrap = SharedBroker.bootstrapServers();
        AppStatus status;
        String produced;
        try (CpcStreamsApp app = deployment.start()) {
            produced = cli("produce", "--bootstrap", bootstrap, "--topic-prefix", "cli.", "--preset", "tiny",
                    "--source", "synthetic:2", "--realtime", "--duration", "3s");
            app.drain(Duration.ofMinutes(2));
            status = app.status();
        }
        Matcher frames = FRAMES.matcher(produced);
        assertTrue(frames.find(), produced);
        assertEquals(Long.parseLong(frames.group(1)), status.framesIn());

        String tailed = cli("tail", "--bootstrap", bootstrap, "--topic-prefix", "cli.", "--from-beginning",
                "--max", "5");
        List<String> lines = tailed.lines().toList();
        assertEquals(5, lines.size(), tailed);
        assertTrue(lines.stream().allMatch(line -> line.startsWith("{\"sourceId\":\"synthetic-")), tailed);

        Path csv = dir.resolve("csv");
        writeCsv(csv.resolve("long.csv"), 3 * model.window());
        writeCsv(csv.resolve("short.csv"), model.window() / 3);
        Path out = dir.resolve("embeddings.jsonl");
        cli("embed", "--checkpoint", checkpoints.toString(), "--source", "csv:" + csv, "--out", out.toString());
        List<String> embedded = Files.readAllLines(out);
        assertEquals(2, embedded.size());
        assertTrue(embedded.get(0).startsWith("{\"file\":\"long.csv\",\"windows\":3,"), embedded.get(0));
        assertTrue(embedded.get(1).startsWith("{\"file\":\"short.csv\",\"windows\":1,"), embedded.get(1));
        for (String line : embedded) {
            Matcher vector = VECTOR.matcher(line);
            assertTrue(vector.find(), line);
            assertEquals(2 * model.channels(), vector.group(1).split(",").length, line);   // mean and std of z_t
        }
    }

    @Test
    void produceAndTailSpeakTheWireFormatOfTheirConfig(@TempDir Path dir) throws Exception {
        try (ConfluentSubsetRegistry registry = ConfluentSubsetRegistry.start()) {
            Map<String, String> format = Map.of(AppSettings.SERDE_FORMAT, "registry",
                    RegistryConnection.URL, registry.url());
            Deployment deployment = new Deployment("cli-registry", dir.resolve("state"), format);
            Properties client = new Properties();
            client.putAll(format);
            client.setProperty("bootstrap.servers", SharedBroker.bootstrapServers());
            client.setProperty(AppSettings.TOPIC_PREFIX, "cli-registry.");
            Path config = dir.resolve("client.properties");
            try (Writer writer = Files.newBufferedWriter(config)) {
                client.store(writer, "produce and tail, registry format");
            }
            try (CpcStreamsApp app = deployment.start()) {
                cli("produce", "--client-config", config.toString(), "--preset", "tiny", "--source", "synthetic:2",
                        "--frames", "40");
                app.drain(Duration.ofMinutes(2));
            }

            List<String> lines = cli("tail", "--client-config", config.toString(), "--from-beginning", "--max", "5")
                    .lines().toList();
            assertEquals(5, lines.size(), lines.toString());
            assertTrue(lines.stream().allMatch(line -> line.startsWith("{\"sourceId\":\"synthetic-")),
                    lines.toString());
            assertEquals(1, registry.versions("cli-registry.frames-value").size(), "produce registered Frame once");
            assertTrue(TopicReader.readRaw(deployment.topics().frames(), Duration.ofMinutes(1)).stream()
                    .allMatch(frame -> frame.value()[0] == 0), "every frame in the registry wire format");
        }
    }

    /** Runs a subcommand as the launcher would; returns its stdout, failing with its stderr. */
    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CpcStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        assertEquals(0, exit, String.join(" ", args) + " failed: " + err);
        return out.toString();
    }

    /** One column of noise: a mono sensor log at the model's rate. */
    private static void writeCsv(Path file, int rows) throws IOException {
        Random random = new Random(file.getFileName().hashCode());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "value\n" + IntStream.range(0, rows)
                .mapToObj(i -> Float.toString((float) (0.1 * random.nextGaussian())))
                .collect(Collectors.joining("\n")));
    }
}
