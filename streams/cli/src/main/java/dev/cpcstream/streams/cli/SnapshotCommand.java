package dev.cpcstream.streams.cli;

import dev.cpcstream.schemas.ModelSnapshot;
import dev.cpcstream.streams.eval.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Write the weights the instances embed with to a file: the newest ModelSnapshot on the model "
                + "topic (read_committed, to its end), or the one of --model-version. The file holds the record's "
                + "bytes as they are on the topic; embed --checkpoint and baseline --like take it.",
                "Prints one JSON line: modelVersion, step, createdAt, preset, configHash, offset, out."})
final class SnapshotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCommand.class);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    @Mixin
    ClientConfig kafka;

    @Mixin
    ClusterCheck cluster;

    @Option(names = "--model-version", paramLabel = "V",
            description = "The snapshot of model version V, e.g. the cpc_model_version_in_use an instance reported "
                    + "(default: the newest).")
    Long version;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the snapshot.")
    Path out;

    @Override
    public Integer call() throws IOException {
        cluster.requireReachable("snapshot", kafka.admin());
        String topic = kafka.topics().model();
        Instant deadline = Instant.now().plus(READ_TIMEOUT);
        ModelTopicReader.Stored stored;
        try (ModelTopicReader reader = new ModelTopicReader(kafka.consumer(), topic)) {
            stored = (version == null ? reader.newest(deadline) : reader.version(version, deadline))
                    .orElseThrow(() -> new IllegalStateException(version == null
                            ? "the model topic " + topic + " holds no snapshot yet: a trainer publishes its first"
                            + " once it starts"
                            : "the model topic " + topic + " holds no committed snapshot of model version " + version
                            + " (compaction keeps only the newest for sure); leave out --model-version for the"
                            + " newest"));
        }
        write(stored.bytes());
        ModelSnapshot snapshot = stored.snapshot();
        LOG.info("model version {} at step {} from {} offset {} written to {}", snapshot.getModelVersion(),
                snapshot.getStep(), topic, stored.offset(), out);
        spec.commandLine().getOut().println(Json.line(new Taken(snapshot.getModelVersion(), snapshot.getStep(),
                snapshot.getCreatedAt().toString(), snapshot.getPreset(), snapshot.getConfigHash(), stored.offset(),
                out.toString())));
        return 0;
    }

    /** Moved into place whole, so a reader never sees half a snapshot. */
    private void write(byte[] bytes) throws IOException {
        Path directory = out.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".snapshot-", ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The line {@code snapshot} prints: which weights the file holds and where on the topic they were. */
    record Taken(long modelVersion, long step, String createdAt, String preset, String configHash, long offset,
                 String out) {
    }
}
