package dev.cpcstream.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A throwaway public-key infrastructure made at test time by the JDK's own {@code keytool}, run as a process (no
 * library, and nothing secret in the repository): a CA, the broker's key and certificate signed by it for
 * {@code localhost}, a truststore holding that CA, and a truststore holding an unrelated CA only, which a client
 * uses to distrust the broker.
 *
 * @param brokerKeystore      the broker's key and certificate chain (PKCS12)
 * @param truststore          the CA that signed the broker's certificate (PKCS12)
 * @param untrustedTruststore another CA, which signed nothing the broker presents (PKCS12)
 */
record TestCertificates(Path brokerKeystore, Path truststore, Path untrustedTruststore) {

    /** The password of every store here; a secret the logs must never show. */
    static final String PASSWORD = "store-secret-5d2b";
    static final String TYPE = "PKCS12";

    /** Creates the stores in {@code dir}. */
    static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.p12");
        Path caCertificate = dir.resolve("ca.crt");
        Path broker = dir.resolve("broker.p12");
        Path request = dir.resolve("broker.csr");
        Path signed = dir.resolve("broker.crt");
        Path truststore = dir.resolve("truststore.p12");
        newKeyPair(ca, "ca", "CN=cpcstream test CA", "-ext", "bc:c");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-file", caCertificate);
        newKeyPair(broker, "broker", "CN=localhost");
        keytool("-certreq", "-alias", "broker", "-keystore", broker, "-file", request);
        // Hostname verification (Kafka's default) checks the subject alternative names.
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-infile", request, "-outfile", signed,
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2");
        // The CA first, so that keytool can chain the signed certificate to it.
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", broker, "-file", caCertificate);
        keytool("-importcert", "-alias", "broker", "-keystore", broker, "-file", signed);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", truststore, "-file", caCertificate);

        Path otherCa = dir.resolve("other-ca.p12");
        Path otherCertificate = dir.resolve("other-ca.crt");
        Path untrusted = dir.resolve("untrusted-truststore.p12");
        newKeyPair(otherCa, "ca", "CN=some other CA", "-ext", "bc:c");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", otherCa, "-file", otherCertificate);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", untrusted, "-file", otherCertificate);
        return new TestCertificates(broker, truststore, untrusted);
    }

    private static void newKeyPair(Path keystore, String alias, String subject, Object... extra)
            throws IOException, InterruptedException {
        List<Object> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-dname", subject,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-keystore", keystore));
        args.addAll(List.of(extra));
        keytool(args.toArray());
    }

    private static void keytool(Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), args[0].toString(),
                "-storetype", TYPE, "-storepass", PASSWORD));
        for (int i = 1; i < args.length; i++) {
            command.add(args[i].toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), "keytool " + List.of(args) + ": " + output);
    }
}
