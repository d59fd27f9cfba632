package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The std columns and the wiring of the effective rank; the rank itself is tested in the model's EffectiveRankTest. */
class EmbeddingStatisticsTest {

    @Test
    void identicalEmbeddingsAreCompleteCollapse() {
        float[][] sample = new float[100][32];
        for (float[] row : sample) {
            Arrays.fill(row, 0.7f);
            row[3] = -0.2f;
        }

        EmbeddingStatistics stats = EmbeddingStatistics.of(sample);

        assertEquals(0, stats.effectiveRank());
        assertEquals(0, stats.stdMin());
        assertEquals(0, stats.stdMean());
        assertEquals(100, stats.rows());
        assertEquals(32, stats.dimensions());
    }

    @Test
    void isotropicEmbeddingsHaveRankCloseToTheirWidth() {
        int h = 64;
        EmbeddingStatistics stats = EmbeddingStatistics.of(Gaussian.rows(new Random(5), 512, h));

        // 512 samples of a 64-dim Gaussian: the singular values spread by about +-sqrt(64/512) around their mean
        assertTrue(stats.effectiveRank() > 0.95 * h && stats.effectiveRank() <= h, "rank " + stats.effectiveRank());
        assertEquals(1.0, stats.stdMean(), 0.05);
        assertTrue(stats.stdMin() > 0.8, "std min " + stats.stdMin());
    }

    @Test
    void twoEqualDirectionsHaveRankTwo() {
        float[][] sample = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}};

        EmbeddingStatistics stats = EmbeddingStatistics.of(sample);

        assertEquals(2.0, stats.effectiveRank(), 1e-9);
        assertEquals(0, stats.stdMin());
        assertEquals(Math.sqrt(0.5), stats.stdMean() * 3 / 2, 1e-9);
    }

    @Test
    void oneRowHasNoSpreadToMeasure() {
        assertSame(EmbeddingStatistics.NONE, EmbeddingStatistics.of(new float[][] {{1, 2}}));
    }
}
