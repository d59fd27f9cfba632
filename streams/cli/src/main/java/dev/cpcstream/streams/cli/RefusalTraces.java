package dev.cpcstream.streams.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * Logs an exception whose causes hold Kafka refusing the client ({@link KafkaRefusal}: credentials, TLS trust, an
 * ACL) as its chain of messages, without stack frames: Kafka's clients and Streams log such a refusal at WARN and
 * ERROR from several places, the frames say nothing about the remedy, and the command reports it in one line. Every
 * other exception keeps its full stack trace. Installed by the CLI's logback.xml as {@code %refusalAwareEx}.
 */
public final class RefusalTraces extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        if (!(proxy instanceof ThrowableProxy thrown) || !KafkaRefusal.isRefusal(thrown.getThrowable())) {
            return super.throwableProxyToString(proxy);
        }
        StringBuilder messages = new StringBuilder();
        for (IThrowableProxy t = proxy; t != null; t = t.getCause()) {
            messages.append(t == proxy ? "" : "Caused by: ").append(t.getClassName()).append(": ")
                    .append(t.getMessage()).append(CoreConstants.LINE_SEPARATOR);
        }
        return messages.toString();
    }
}
