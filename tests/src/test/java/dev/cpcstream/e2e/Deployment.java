package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.app.CpcStreamsApp;
import dev.cpcstream.streams.topology.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * One cpcstream deployment under test on the {@link SharedBroker}: its own topics and application id (from its
 * name), its own local state, the tiny preset, and more partitions than stream threads, so one thread serves
 * several tasks and several sources share a partition.
 */
final class Deployment {

    static final String PRESET = "tiny";
    static final int PARTITIONS = 4;

    private final String name;
    private final Path stateDir;
    private final Map<String, String> extraSettings;

    /** @param extraSettings cpcstream or Kafka keys on top of the test defaults */
    Deployment(String name, Path stateDir, Map<String, String> extraSettings) {
        this.name = name;
        this.stateDir = stateDir;
        this.extraSettings = extraSettings;
    }

    AppSettings settings() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", SharedBroker.bootstrapServers());
        p.setProperty("application.id", "e2e-" + name);
        p.setProperty("state.dir", stateDir.toString());
        p.setProperty("num.stream.threads", "1");
        p.setProperty(AppSettings.PRESET, PRESET);
        p.setProperty(AppSettings.TOPIC_PREFIX, name + ".");
        p.setProperty(AppSettings.TOPIC_PARTITIONS, Integer.toString(PARTITIONS));
        p.putAll(extraSettings);
        return AppSettings.fromProperties(p, Map.of());
    }

    CpcConfig model() {
        return settings().modelConfig();
    }

    TopicNames topics() {
        return settings().topicNames();
    }

    /** A started application: topics created, newest checkpoint restored, streams running. */
    CpcStreamsApp start() {
        return start(new SimpleMeterRegistry());
    }

    /** As {@link #start()}, its meters in {@code registry}. */
    CpcStreamsApp start(MeterRegistry registry) {
        CpcStreamsApp app = new CpcStreamsApp(settings(), registry);
        app.start();
        return app;
    }
}
