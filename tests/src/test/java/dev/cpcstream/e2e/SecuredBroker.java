package dev.cpcstream.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code cpcstream broker} as a separate process with its client listener secured as a user would secure it, through
 * {@code --config} and {@code --add-scram}: TLS with a certificate of {@link TestCertificates}, SASL/SCRAM-SHA-512,
 * Kafka's StandardAuthorizer denying whatever no ACL allows. Its one super user, created when the data directory is
 * formatted, is also its inter-broker user; the test creates further users and ACLs through the Admin API as it.
 */
final class SecuredBroker implements AutoCloseable {

    static final String MECHANISM = "SCRAM-SHA-512";
    private static final String ADMIN = "admin";
    /** A secret the logs must never show. */
    static final String ADMIN_PASSWORD = "admin-secret-81f3";
    private static final int SCRAM_ITERATIONS = 8192;
    private static final Pattern LISTENING = Pattern.compile("cpcstream broker: listening on (localhost:\\d+)");
    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration STOP = Duration.ofMinutes(1);
    private static final Duration PROPAGATION = Duration.ofMinutes(1);

    private final CliProcess process;
    private final String bootstrap;
    private final Admin admin;

    private SecuredBroker(CliProcess process, String bootstrap, Admin admin) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.admin = admin;
    }

    static SecuredBroker start(Path dir, TestCertificates pki) throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("broker.properties");
        store(brokerSettings(pki), config);
        CliProcess process = CliProcess.start("secured-broker", "broker", "--port", "0",
                "--data", dir.resolve("data").toString(), "--config", config.toString(),
                "--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + ADMIN_PASSWORD + "]");
        String bootstrap = process.awaitMatch(LISTENING, START).group(1);
        Properties admin = clientSettings(bootstrap, ADMIN, ADMIN_PASSWORD, pki.truststore());
        return new SecuredBroker(process, bootstrap, Admin.create(admin));
    }

    private static Properties brokerSettings(TestCertificates pki) {
        Properties p = new Properties();
        p.setProperty("listener.security.protocol.map", "CLIENT:SASL_SSL,CONTROLLER:PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", MECHANISM);
        p.setProperty("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.setProperty("listener.name.client." + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                jaas(ADMIN, ADMIN_PASSWORD));
        p.setProperty("ssl.keystore.location", pki.brokerKeystore().toString());
        p.setProperty("ssl.keystore.type", TestCertificates.TYPE);
        p.setProperty("ssl.keystore.password", TestCertificates.PASSWORD);
        p.setProperty("ssl.key.password", TestCertificates.PASSWORD);
        p.setProperty("ssl.truststore.location", pki.truststore().toString());
        p.setProperty("ssl.truststore.type", TestCertificates.TYPE);
        p.setProperty("ssl.truststore.password", TestCertificates.PASSWORD);
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The controller listener is plaintext on localhost: the node's broker reaches its controller as ANONYMOUS.
        p.setProperty("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        p.setProperty("allow.everyone.if.no.acl.found", "false");
        return p;
    }

    /** What a client of {@code user} puts in its properties file: bootstrap, SASL_SSL, SCRAM, the truststore. */
    static Properties clientSettings(String bootstrap, String user, String password, Path truststore) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty("security.protocol", "SASL_SSL");
        p.setProperty("sasl.mechanism", MECHANISM);
        p.setProperty("sasl.jaas.config", jaas(user, password));
        p.setProperty("ssl.truststore.location", truststore.toString());
        p.setProperty("ssl.truststore.type", TestCertificates.TYPE);
        p.setProperty("ssl.truststore.password", TestCertificates.PASSWORD);
        return p;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    String bootstrapServers() {
        return bootstrap;
    }

    /** Creates a SCRAM user and waits until the broker authenticates it. */
    void addUser(String user, String password) throws Exception {
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password))).all().get();
        awaitTrue("user " + user, () -> admin.describeUserScramCredentials(List.of(user)).all().get()
                .containsKey(user));
    }

    /** Allows {@code user} everything on the topics, groups and transactional ids whose names start with it. */
    void allowPrefix(String user, String prefix) throws Exception {
        create(List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID).stream()
                .map(type -> new AclBinding(new ResourcePattern(type, prefix, PatternType.PREFIXED),
                        new AccessControlEntry("User:" + user, "*", AclOperation.ALL, AclPermissionType.ALLOW)))
                .toList());
    }

    /** Denies {@code user} writing {@code topic}; a deny wins over any allow. */
    void denyWrite(String user, String topic) throws Exception {
        create(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", AclOperation.WRITE, AclPermissionType.DENY))));
    }

    private void create(Collection<AclBinding> acls) throws Exception {
        admin.createAcls(acls).all().get();
        awaitTrue("ACLs " + acls, () -> admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(acls));
    }

    /** The broker applies users and ACLs from its metadata log a moment after the controller has committed them. */
    private static void awaitTrue(String what, Callable<Boolean> visible) throws Exception {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (!visible.call()) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + " not visible on the broker after " + PROPAGATION);
            }
            Thread.sleep(100);
        }
    }

    CliProcess process() {
        return process;
    }

    static void store(Properties properties, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "cpcstream, an end-to-end suite");
        }
    }

    @Override
    public void close() throws Exception {
        admin.close(Duration.ofSeconds(10));
        process.terminate(STOP);
        process.close();
    }
}
