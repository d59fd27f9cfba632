package dev.cpcstream.streams.topology;

import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.Presets;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheNewestFilesAndReadsBackTheHighestVersion() throws IOException {
        byte[] encoded;
        try (OnlineLearner learner = new OnlineLearner(Presets.get("tiny"))) {
            encoded = Codecs.MODEL_CHECKPOINT.encode(learner.checkpoint(Map.of("cpc.frames-0", 42L)));
        }
        CheckpointDirectory checkpoints = new CheckpointDirectory(dir.resolve("nested"), 2);
        assertTrue(checkpoints.newest().isEmpty(), "no directory yet");

        for (long version : new long[]{9, 10, 11}) {
            checkpoints.write(version, encoded);
        }

        try (Stream<Path> files = Files.list(dir.resolve("nested"))) {
            assertEquals(List.of("checkpoint-00000000000000000010.avro", "checkpoint-00000000000000000011.avro"),
                    files.map(file -> file.getFileName().toString()).sorted().toList(),
                    "the oldest removed, no temporary file left");
        }
        ModelCheckpoint newest = checkpoints.newest().orElseThrow();
        assertEquals(Map.of("cpc.frames-0", 42L), newest.getInputOffsets());
    }
}
