package dev.cpcstream.model;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A follower that adopts the trainer's snapshot embeds exactly as the trainer does, and never goes back. */
class SnapshotTest {

    private static final CpcConfig CONFIG = Presets.get("tiny", Map.of("prototypes", "3,5", "protoEvery", "1"));

    @Test
    void aFollowerEmbedsLikeTheTrainerWhoseSnapshotItAdopted() {
        SyntheticWindows data = new SyntheticWindows(CONFIG, 4, 3);
        try (OnlineLearner trainer = new OnlineLearner(CONFIG); OnlineLearner follower = new OnlineLearner(CONFIG)) {
            for (int i = 0; i < 3; i++) {
                trainer.train(data.nextBatch());
            }
            ModelSnapshot snapshot = Codecs.MODEL_SNAPSHOT.decode(Codecs.MODEL_SNAPSHOT.encode(trainer.snapshot()));

            assertTrue(follower.adopt(snapshot));
            assertEquals(trainer.modelVersion(), follower.modelVersion());
            assertEquals(trainer.step(), follower.step());
            // sources neither learner has carried a GRU state for
            List<Window> unseen = data.nextBatch().stream()
                    .map(window -> new Window("unseen-" + window.sourceId(), window.samples())).toList();
            Embeddings expected = trainer.embedWithPrototypes(unseen);
            Embeddings actual = follower.embedWithPrototypes(unseen);
            assertArrayEquals(expected.contexts(), actual.contexts());
            assertArrayEquals(expected.prototypes(), actual.prototypes());
        }
    }

    @Test
    void aSnapshotNoNewerThanTheWeightsInUseChangesNothing() {
        try (OnlineLearner trainer = new OnlineLearner(CONFIG); OnlineLearner follower = new OnlineLearner(CONFIG)) {
            ModelSnapshot initial = trainer.snapshot();
            trainer.train(new SyntheticWindows(CONFIG, 4, 3).nextBatch());
            assertTrue(follower.adopt(trainer.snapshot()));

            assertFalse(follower.adopt(initial), "an older snapshot");
            assertFalse(follower.adopt(trainer.snapshot()), "the same version again");
            assertEquals(trainer.modelVersion(), follower.modelVersion());
        }
    }

    @Test
    void aSnapshotOfAnotherConfigIsRefused() {
        CpcConfig other = Presets.get("tiny", Map.of("seed", "7"));
        try (OnlineLearner trainer = new OnlineLearner(other); OnlineLearner follower = new OnlineLearner(CONFIG)) {
            trainer.train(new SyntheticWindows(other, 4, 3).nextBatch());
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> follower.adopt(trainer.snapshot()));
            assertTrue(refused.getMessage().contains("config hash"), refused.getMessage());
            assertEquals(0, follower.modelVersion());
        }
    }
}
