package dev.cpcstream.streams.eval;

import dev.cpcstream.streams.cli.CpcStreamCli;
import dev.cpcstream.streams.source.SourceSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Embeds every file of a source with one checkpoint by running {@code cpcstream embed} on it, so the evaluation
 * scores exactly the vectors a user gets from that command (same windows, same lanes, same pooling over frames).
 */
final class CheckpointEmbedder {

    private CheckpointEmbedder() {
    }

    static List<FileVector> embed(Path checkpoint, SourceSpec source) throws IOException {
        Path out = Files.createTempFile("cpcstream-eval-", ".jsonl");
        try {
            int exitCode = CpcStreamCli.commandLine().execute("embed", "--checkpoint", checkpoint.toString(),
                    "--source", source.toString(), "--out", out.toString());
            if (exitCode != 0) {
                throw new IOException("embedding " + source + " with " + checkpoint + " failed (exit code "
                        + exitCode + "; its message is above)");
            }
            return EmbeddingsFile.read(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
