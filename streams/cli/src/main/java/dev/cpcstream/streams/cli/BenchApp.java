package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.app.AppSettings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** The settings of an application a pipeline benchmark phase starts: its own id, topics and state directory. */
final class BenchApp {

    private BenchApp() {
    }

    /**
     * A name for one benchmark run, which sets its applications and topics apart from an earlier run's on a broker
     * that outlives it ({@code --bootstrap}): a phase would otherwise resume from that run's offsets and checkpoints.
     */
    static String newRunId() {
        return Long.toString(System.currentTimeMillis(), Character.MAX_RADIX);
    }

    /**
     * @param runId the run's id, {@link #newRunId}
     * @param phase names the phase's application id and topic prefix, with the source count and the run
     * @param app   settings the user gave, over the benchmark's defaults but under what identifies the phase
     */
    static Properties properties(String runId, String bootstrap, ModelOptions model, Path stateDir, String phase,
                                 int sources, boolean training, Map<String, String> app) {
        Properties p = new Properties();
        p.putAll(app);
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty("application.id", "bench-stream-" + phase + "-" + sources + "-" + runId);
        p.setProperty("state.dir", stateDir.toString());
        p.setProperty(AppSettings.PRESET, model.preset);
        model.overrides.forEach((key, value) -> p.setProperty(AppSettings.MODEL_PREFIX + key, value));
        p.setProperty(AppSettings.TOPIC_PREFIX, "bench-" + phase + "-" + sources + "-" + runId + ".");
        p.setProperty(AppSettings.TRAIN_ENABLED, Boolean.toString(training));
        return p;
    }
}
