package dev.cpcstream.streams.cli;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

import java.util.Optional;

/**
 * What to say when Kafka refuses a client: credentials it rejects, a certificate the client does not trust, an ACL
 * that denies it. None of these heals by retrying, so the command stops at once with this line.
 */
final class KafkaRefusal {

    private KafkaRefusal() {
    }

    /** Whether {@code failure}'s causes hold a refusal. */
    static boolean isRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The refusal in {@code failure}'s causes, worded with what to check; empty if it holds none.
     *
     * @param settings the option whose file holds the client's security settings, e.g. {@code --client-config}
     */
    static Optional<String> describe(Throwable failure, String settings) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SslAuthenticationException) {
                return Optional.of("the TLS handshake failed (" + innermostMessage(t) + "); check that the"
                        + " ssl.truststore.* settings of " + settings + " hold the CA that signed the broker's"
                        + " certificate, and that the certificate names the host of bootstrap.servers");
            }
            if (t instanceof AuthenticationException) {
                return Optional.of("it rejected the credentials (" + t.getMessage() + "); check sasl.mechanism and the"
                        + " user name and password in sasl.jaas.config of " + settings);
            }
            if (t instanceof AuthorizationException) {
                return Optional.of("an ACL denies it (" + t.getClass().getSimpleName() + ": " + t.getMessage()
                        + "); grant this user what the command needs, or remove the ACL that denies it"
                        + " (kafka-acls.sh --list shows them)");
            }
        }
        return Optional.empty();
    }

    /** The TLS layer wraps the reason (an unknown CA, a name mismatch) a few exceptions deep. */
    private static String innermostMessage(Throwable t) {
        String message = t.getMessage();
        for (Throwable cause = t.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }
}
