package dev.cpcstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.streams.app.AppSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * run, produce and tail as separate processes against {@code cpcstream broker} with its client listener secured
 * (TLS, SASL/SCRAM-SHA-512, ACLs; {@link SecuredBroker}), all three given the same properties file: the round trip
 * works, and what Kafka refuses (a wrong password, a certificate the client does not trust, an ACL denying the
 * output topic) ends the command at once with one line saying what to check, exit status 1, no stack trace. No
 * process ever logs a password.
 */
class SecureClusterE2eTest {

    private static final String USER = "learner";
    /** A secret the logs must never show. */
    private static final String PASSWORD = "learner-secret-2a7e";
    private static final int SOURCES = 2;
    private static final long FRAMES = 300;
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S+\\(");
    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    /** Far longer than a refusal may take: a command that waited for the cluster instead would outlast the test. */
    private static final String CONNECT_TIMEOUT = "10m";
    private static final Duration REFUSAL = Duration.ofMinutes(2);
    private static final Duration STOP = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static TestCertificates pki;
    private static SecuredBroker broker;
    private static final List<CliProcess> processes = new ArrayList<>();

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        pki = TestCertificates.create(dir.resolve("pki"));
        broker = SecuredBroker.start(dir.resolve("broker"), pki);
        processes.add(broker.process());
        broker.addUser(USER, PASSWORD);
    }

    @AfterAll
    static void noProcessLoggedASecret() throws Exception {
        if (broker != null) {
            broker.close();
        }
        for (CliProcess process : processes) {
            for (String secret : List.of(PASSWORD, SecuredBroker.ADMIN_PASSWORD, TestCertificates.PASSWORD)) {
                assertFalse(process.lines().stream().anyMatch(line -> line.contains(secret)),
                        "a secret in " + process.log());
            }
        }
    }

    @Test
    void runProduceAndTailShareOneClientConfigAndEveryWindowIsEmbedded() throws Exception {
        broker.allowPrefix(USER, "secure");
        Path config = learnerConfig("secure", PASSWORD, pki.truststore());
        try (CliProcess run = startLearner("run", config)) {
            CpcConfig model = tinyModel();
            List<String> expected = WindowKeys.expected(produceFrames("produce", config),
                    (int) (model.sampleRate() * SyntheticFeed.FRAME.toMillis() / 1000), model);

            // The topic prefix, like the security settings, comes from the file alone.
            CliProcess tail = start("tail", "tail", "--client-config", config.toString(), "--from-beginning",
                    "--max", Integer.toString(expected.size()));
            assertEquals(0, tail.awaitExit(CATCH_UP), "tail's exit status; see " + tail.log());
            assertEquals(expected.stream().sorted().toList(), windowsTailed(tail));
            assertEquals(0, run.terminate(STOP), "run's exit status on SIGTERM; see " + run.log());
        }
    }

    @Test
    void aWrongPasswordEndsEachCommandAtOnceWithOneLine() throws Exception {
        Path config = learnerConfig("wrong-password", "not-the-password", pki.truststore());
        for (String command : List.of("run", "produce", "tail")) {
            assertRefused(command, config, "it rejected the credentials (Authentication failed");
        }
    }

    @Test
    void anUntrustedBrokerCertificateEndsEachCommandAtOnceWithOneLine() throws Exception {
        Path config = learnerConfig("untrusted", PASSWORD, pki.untrustedTruststore());
        for (String command : List.of("run", "produce", "tail")) {
            assertRefused(command, config, "the TLS handshake failed (");
        }
    }

    @Test
    void anAclDenyingTheOutputTopicStopsTheRunWithOneLine() throws Exception {
        broker.allowPrefix(USER, "denied");
        broker.denyWrite(USER, "denied.embeddings");
        Path config = learnerConfig("denied", PASSWORD, pki.truststore());
        try (CliProcess run = startLearner("run-denied", config)) {
            produceFrames("produce-denied", config);

            assertEquals(1, run.awaitExit(CATCH_UP), "run's exit status; see " + run.log());
            assertEquals("cpcstream run: Kafka refused the learner: an ACL denies it (TopicAuthorizationException:"
                    + " Not authorized to access topics: [denied.embeddings]); grant this user what the command"
                    + " needs, or remove the ACL that denies it (kafka-acls.sh --list shows them)", lastLine(run));
            assertNoStackTrace(run);
        }
    }

    /** {@code run} with {@code config}, once it has created its topics and reports. */
    private static CliProcess startLearner(String name, Path config) throws Exception {
        CliProcess run = start(name, "run", "--config", config.toString());
        run.awaitMatch(RunConfig.STATUS, START);
        return run;
    }

    /** Every source's frames into the frames topic of {@code config}; returns the frames sent per source. */
    private static Map<String, Long> produceFrames(String name, Path config) throws Exception {
        CliProcess produce = start(name, "produce", "--client-config", config.toString(), "--preset",
                Deployment.PRESET, "--source", "synthetic:" + SOURCES, "--frames", Long.toString(FRAMES));
        assertEquals(0, produce.awaitExit(START), "produce's exit status; see " + produce.log());
        return framesBySource(produce);
    }

    /** {@code command} with {@code config} exits 1 with one line naming the refusal, and prints no stack trace. */
    private static void assertRefused(String command, Path config, String refusal) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, "--connect-timeout", CONNECT_TIMEOUT));
        args.addAll(switch (command) {
            case "run" -> List.of("--config", config.toString());
            case "produce" -> List.of("--client-config", config.toString(), "--preset", Deployment.PRESET,
                    "--frames", "1");
            default -> List.of("--client-config", config.toString());
        });
        CliProcess process = start(command + "-refused", args.toArray(String[]::new));
        assertEquals(1, process.awaitExit(REFUSAL), command + "'s exit status; see " + process.log());
        String expectedStart = "cpcstream " + command + ": Kafka at " + broker.bootstrapServers() + " refused "
                + command + ": " + refusal;
        assertTrue(lastLine(process).startsWith(expectedStart), "expected " + expectedStart + "..., got "
                + lastLine(process));
        assertNoStackTrace(process);
    }

    private static void assertNoStackTrace(CliProcess process) {
        assertFalse(process.lines().stream().anyMatch(line -> STACK_FRAME.matcher(line).find()),
                "a stack trace in " + process.log());
    }

    /** A run config of the tiny learner for topics and ids starting with {@code name}, and the user's security. */
    private static Path learnerConfig(String name, String password, Path truststore) throws IOException {
        Properties p = RunConfig.tinyLearner(name, name + ".", broker.bootstrapServers(), dir.resolve(name + "-state"));
        p.putAll(SecuredBroker.clientSettings(broker.bootstrapServers(), USER, password, truststore));
        Path file = dir.resolve(name + ".properties");
        SecuredBroker.store(p, file);
        return file;
    }

    private static CpcConfig tinyModel() {
        Properties p = new Properties();
        p.setProperty(AppSettings.PRESET, Deployment.PRESET);
        return AppSettings.fromProperties(p, Map.of()).modelConfig();
    }

    private static CliProcess start(String name, String... args) throws IOException {
        CliProcess process = CliProcess.start(name, args);
        processes.add(process);
        return process;
    }

    private static Map<String, Long> framesBySource(CliProcess produce) throws Exception {
        Map<String, Long> frames = ProducerSummary.framesBySource(produce);
        assertEquals(SOURCES, frames.size(), "sources in the summary of " + produce.log());
        return frames;
    }

    /** The windows of tail's JSON lines, sorted, as {@link WindowKeys} names them. */
    private static List<String> windowsTailed(CliProcess tail) throws IOException {
        List<String> windows = new ArrayList<>();
        for (String line : tail.lines()) {
            if (line.startsWith("{\"sourceId\":")) {
                JsonNode embedding = JSON.readTree(line);
                windows.add(embedding.get("sourceId").asText() + ":" + embedding.get("startSeq").asLong() + "-"
                        + embedding.get("endSeq").asLong());
            }
        }
        return windows.stream().sorted().toList();
    }

    private static String lastLine(CliProcess process) {
        List<String> lines = process.lines().stream().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
