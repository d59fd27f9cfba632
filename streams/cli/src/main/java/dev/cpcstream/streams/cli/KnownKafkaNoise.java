package dev.cpcstream.streams.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the one warning Kafka logs on every clean shutdown of a KRaft broker, so that a healthy run logs no
 * warning: the broker's controller channel closes its NetworkClient twice, and the second close only says so.
 * Installed by the CLI's logback.xml; nothing else is filtered.
 */
public final class KnownKafkaNoise extends TurboFilter {

    private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
    private static final String DOUBLE_CLOSE = "Attempting to close NetworkClient that has already been closed";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        boolean doubleClose = level == Level.WARN && format != null && logger.getName().equals(NETWORK_CLIENT)
                && format.contains(DOUBLE_CLOSE);
        return doubleClose ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
