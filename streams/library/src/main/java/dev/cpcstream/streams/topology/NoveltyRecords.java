package dev.cpcstream.streams.topology;

import dev.cpcstream.model.novelty.NoveltyScore;
import dev.cpcstream.schemas.Novelty;

/** A window's {@link NoveltyScore} as the Embedding's {@link Novelty} field. */
final class NoveltyRecords {

    private NoveltyRecords() {
    }

    static Novelty of(NoveltyScore score) {
        return Novelty.newBuilder()
                .setScore(score.score())
                .setContrastiveLoss(score.loss())
                .setSourceDistance(score.sourceDistance())
                .setStreamDistance(score.streamDistance())
                .setThreshold(score.threshold())
                .setNovel(score.novel())
                .build();
    }
}
