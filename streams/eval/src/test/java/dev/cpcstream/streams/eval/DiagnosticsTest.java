package dev.cpcstream.streams.eval;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticsTest {

    @Test
    void identicalEmbeddingsHaveRankZeroAndUniformityZero() {
        List<FileVector> same = Collections.nCopies(10, new FileVector("a", new float[]{1, 2, 3}));
        Diagnostics diagnostics = Diagnostics.of(same, null, "consecutive");
        assertEquals(0.0, diagnostics.effectiveRank());
        assertEquals(0.0, diagnostics.uniformity(), 1e-12);
    }

    @Test
    void positivesAreFilesSharingALabelOrConsecutiveLinesOfASource() {
        List<FileVector> lines = List.of(new FileVector("a", new float[]{1, 0}), new FileVector("b", new float[]{0, 1}),
                new FileVector("a", new float[]{1, 0.1f}), new FileVector("c", new float[]{-1, 0}));
        Diagnostics consecutive = Diagnostics.of(lines, null, "consecutive");
        assertEquals(1, consecutive.positivePairs());
        assertTrue(consecutive.alignment() < 0.01);

        List<FileVector> files = List.of(new FileVector("x1", new float[]{1, 0}),
                new FileVector("x2", new float[]{1, 0}), new FileVector("y1", new float[]{0, 1}));
        Diagnostics labelled = Diagnostics.of(files, Map.of("x1", "x", "x2", "x", "y1", "y"), "same kind");
        assertEquals(1, labelled.positivePairs());
        assertEquals(0.0, labelled.alignment(), 1e-12);
        assertNull(Diagnostics.of(files, null, "consecutive").alignment());
    }

    @Test
    void aDimensionThatBarelyVariesCountsAsCollapsed() {
        DimensionSpread spread = DimensionSpread.of(List.of(new float[]{1, 5, 0}, new float[]{-1, 5, 0.001f}));
        assertEquals(1.0, spread.max(), 1e-6);
        assertEquals(2, spread.collapsed());
    }
}
