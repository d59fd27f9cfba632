package dev.cpcstream.model.novelty;

import dev.cpcstream.model.SourceLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Warm-up, thresholds and model versions of the novelty score, on vectors whose distances are known. */
class NoveltyScorerTest {

    private static final int WARMUP = 8;
    private static final NoveltySettings SETTINGS = NoveltySettings.defaults()
            .withThreshold(0.9, OptionalDouble.empty()).withWindows(WARMUP, 16);
    private static final String MIC = "mic";

    private final SplittableRandom random = new SplittableRandom(5);

    /** Near (1, 0, 0, 0): a source that keeps doing the same. */
    private float[] usual() {
        return new float[]{1, (float) (0.05 * random.nextGaussian()), (float) (0.05 * random.nextGaussian()), 0};
    }

    /** Orthogonal to every usual vector. */
    private static float[] unseen() {
        return new float[]{0, 0, 0, 1};
    }

    @Test
    void nothingIsNovelWhileTheReferencesWarmUp() {
        NoveltyScorer scorer = new NoveltyScorer(SETTINGS, new StreamReference(SETTINGS));
        NoveltyScore first = scorer.score(MIC, 1, usual(), 2.0);
        assertNull(first.sourceDistance(), "no reference yet");
        assertNull(first.score());
        for (int i = 1; i <= WARMUP; i++) {
            NoveltyScore score = i == WARMUP ? scorer.score(MIC, 1, unseen(), 2.0) : scorer.score(MIC, 1, usual(), 2.0);
            assertNull(score.threshold(), "window " + i + " comes before " + WARMUP + " scores were seen");
            assertFalse(score.novel());
        }
    }

    @Test
    void aWindowUnlikeTheSourcesPastIsNovelOnceWarm() {
        NoveltyScorer scorer = new NoveltyScorer(SETTINGS, new StreamReference(SETTINGS));
        for (int i = 0; i < 4 * WARMUP; i++) {
            scorer.score(MIC, 1, usual(), 2.0);
        }
        NoveltyScore usual = scorer.score(MIC, 1, new float[]{1, 0, 0, 0}, 2.0);
        NoveltyScore unseen = scorer.score(MIC, 1, unseen(), 2.0);

        assertNotNull(usual.threshold());
        assertFalse(usual.novel(), usual.toString());
        assertTrue(unseen.novel(), unseen.toString());
        assertEquals(1.0, unseen.sourceDistance(), 0.01, "orthogonal to the source's mean");
        assertEquals(unseen.sourceDistance(), unseen.score(), "the default score is the source term");
    }

    @Test
    void aNewerModelVersionStartsTheReferencesAfreshAndWarmsUpAgain() {
        NoveltyScorer scorer = new NoveltyScorer(SETTINGS, new StreamReference(SETTINGS));
        for (int i = 0; i < 4 * WARMUP; i++) {
            scorer.score(MIC, 1, usual(), 2.0);
        }
        NoveltyScore firstOfVersion2 = scorer.score(MIC, 2, unseen(), 2.0);
        assertNull(firstOfVersion2.sourceDistance(), "version 1's vectors are no reference for version 2");
        assertNull(firstOfVersion2.streamDistance());
        assertFalse(firstOfVersion2.novel());
        for (int i = 1; i < WARMUP; i++) {
            NoveltyScore score = scorer.score(MIC, 2, i % 2 == 0 ? unseen() : usual(), 2.0);
            assertNull(score.threshold(), "warming up again, window " + i);
            assertFalse(score.novel(), "a version change does not flood the novelty topic");
        }
    }

    @Test
    void theStreamIgnoresAWindowOfAnOlderVersionThanItsOwn() {
        StreamReference stream = new StreamReference(SETTINGS);
        NoveltyScorer fast = new NoveltyScorer(SETTINGS, stream);
        NoveltyScorer slow = new NoveltyScorer(SETTINGS, stream);
        fast.score("a", 3, usual(), 2.0);
        NoveltyScore old = slow.score("b", 2, unseen(), 2.0);
        NoveltyScore current = fast.score("a", 3, usual(), 2.0);

        assertNull(old.streamDistance(), "the stream holds version 3 only");
        assertTrue(current.streamDistance() < 0.1, "the version-2 vector did not enter the stream's mean: "
                + current.streamDistance());
    }

    @Test
    void theStreamTermComparesEverySourceWithTheSameMean() {
        NoveltySettings stream = SETTINGS.withTerm(NoveltyTerm.STREAM);
        StreamReference shared = new StreamReference(stream);
        NoveltyScorer one = new NoveltyScorer(stream, shared);
        NoveltyScorer other = new NoveltyScorer(stream, shared);
        for (int i = 0; i < 4 * WARMUP; i++) {
            one.score("a", 1, usual(), 2.0);
        }
        NoveltyScore newcomer = other.score("b", 1, unseen(), 2.0);
        assertNull(newcomer.sourceDistance(), "source b's first window");
        assertEquals(1.0, newcomer.score(), 0.01, "but unlike everything the stream produced");
    }

    @Test
    void aFixedThresholdReplacesTheQuantiles() {
        NoveltySettings fixed = SETTINGS.withTerm(NoveltyTerm.LOSS).withThreshold(0.9, OptionalDouble.of(3.0));
        NoveltyScorer scorer = new NoveltyScorer(fixed, new StreamReference(fixed));
        for (int i = 0; i < WARMUP; i++) {
            scorer.score(MIC, 1, usual(), 1.0);
        }
        assertFalse(scorer.score(MIC, 1, usual(), 2.9).novel());
        NoveltyScore above = scorer.score(MIC, 1, usual(), 3.1);
        assertTrue(above.novel());
        assertEquals(3.0, above.threshold());
    }

    @Test
    void aSourceIdlePastTheLimitLosesItsReferenceAndWarmsUpAgain() {
        long t0 = 1_765_000_000_000L;
        long idle = Duration.ofMinutes(10).toMillis();
        NoveltyScorer scorer = new NoveltyScorer(SETTINGS, new StreamReference(SETTINGS),
                new SourceLimits(Duration.ofMillis(idle), 0));
        for (int i = 0; i < 4 * WARMUP; i++) {
            scorer.score(MIC, t0, 1, usual(), 2.0);
        }
        NoveltyScore within = scorer.score("other", t0 + idle, 1, usual(), 2.0);
        assertEquals(2, scorer.sourcesKept(), "the mic, idle for exactly the limit, is kept");
        assertNotNull(scorer.score(MIC, t0 + idle, 1, usual(), 2.0).threshold(), "and stays warm");
        assertNull(within.sourceDistance(), "the other source's first window");

        scorer.score("other", t0 + 3 * idle, 1, usual(), 2.0);
        assertEquals(1, scorer.sourcesKept(), "the mic, idle for twice the limit, is forgotten");
        NoveltyScore back = scorer.score(MIC, t0 + 3 * idle, 1, unseen(), 2.0);

        assertNull(back.sourceDistance(), "a forgotten source has no reference, as a new one");
        assertNull(back.threshold(), "it warms up again");
        assertFalse(back.novel());
    }

    @Test
    void beyondTheLimitOfSourcesTheLeastRecentlySeenReferencesAreDropped() {
        NoveltyScorer scorer = new NoveltyScorer(SETTINGS, new StreamReference(SETTINGS),
                new SourceLimits(Duration.ZERO, 10));
        for (int i = 0; i < 100; i++) {
            scorer.score("source-" + i, i, 1, usual(), 2.0);
            assertEquals(Math.min(i + 1, 10), scorer.sourcesKept());
        }
        assertNotNull(scorer.score("source-99", 100, 1, usual(), 2.0).sourceDistance(), "the newest are kept");
        assertNull(scorer.score("source-0", 101, 1, usual(), 2.0).sourceDistance(), "the oldest are not");
    }
}
