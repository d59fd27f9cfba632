package dev.cpcstream.streams.eval;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Purity and NMI of the files' prototypes against their labels, on tables small enough to count by hand. */
class PrototypePurityTest {

    private static final Map<String, String> LABELS = Map.of("a", "x", "b", "x", "c", "x", "d", "y", "e", "y");

    @Test
    void aPrototypeThatMixesClassesCountsOnlyItsMajority() {
        // prototype 0 holds a, b (x); prototype 1 holds c (x), d, e (y): (2 + 2) / 5 pure
        PrototypePurity p = PrototypePurity.of(Map.of("a", 0, "b", 0, "c", 1, "d", 1, "e", 1), LABELS);
        assertEquals(5, p.files());
        assertEquals(2, p.prototypes());
        assertEquals(0.8, p.purity(), 1e-12);
        assertEquals(0.4325380677663126, p.nmi(), 1e-12, "scikit-learn's normalized_mutual_info_score");
    }

    @Test
    void prototypesThatAreTheClassesScoreOne() {
        PrototypePurity p = PrototypePurity.of(Map.of("a", 3, "b", 3, "c", 3, "d", 7, "e", 7), LABELS);
        assertEquals(1.0, p.purity(), 1e-12);
        assertEquals(1.0, p.nmi(), 1e-12);
    }

    @Test
    void onePrototypePerFileIsPureButItsNmiSaysItExplainsLittle() {
        PrototypePurity p = PrototypePurity.of(Map.of("a", 0, "b", 1, "c", 2, "d", 3, "e", 4), LABELS);
        assertEquals(1.0, p.purity(), 1e-12);
        assertEquals(0.5897275217561567, p.nmi(), 1e-12);
    }

    @Test
    void filesWithoutALabelAreLeftOutAndNoOverlapIsRefused() {
        PrototypePurity p = PrototypePurity.of(Map.of("a", 0, "d", 1, "unlabelled.wav", 0), LABELS);
        assertEquals(2, p.files());
        assertEquals(1.0, p.purity(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PrototypePurity.of(Map.of("z", 0), LABELS));
    }
}
