package dev.cpcstream.e2e;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Embedding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Which windows a run must produce: source by source, a window every hop samples for as long as a whole window
 * fits in what was sent, each named by the first and last frame seq it covers ({@code source:startSeq-endSeq}).
 */
final class WindowKeys {

    private WindowKeys() {
    }

    /** @param framesSent frames per source from seq 0 on, each of {@code stepsPerFrame} samples */
    static List<String> expected(Map<String, Long> framesSent, int stepsPerFrame, CpcConfig model) {
        List<String> keys = new ArrayList<>();
        framesSent.forEach((source, frames) -> {
            long samples = frames * stepsPerFrame;
            for (long start = 0; start + model.window() <= samples; start += model.hop()) {
                keys.add(source + ":" + start / stepsPerFrame + "-" + (start + model.window() - 1) / stepsPerFrame);
            }
        });
        return keys;
    }

    static String of(Embedding embedding) {
        return embedding.getSourceId() + ":" + embedding.getStartSeq() + "-" + embedding.getEndSeq();
    }

    /** Fails naming the windows missing, made twice and not expected at all, if there are any. */
    static void assertEachExactlyOnce(List<String> expected, List<Embedding> embeddings) {
        Map<String, Long> counts = embeddings.stream()
                .collect(Collectors.groupingBy(WindowKeys::of, TreeMap::new, Collectors.counting()));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(counts.keySet());
        List<String> repeated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        Set<String> unexpected = new TreeSet<>(counts.keySet());
        unexpected.removeAll(new HashSet<>(expected));
        if (!missing.isEmpty() || !repeated.isEmpty() || !unexpected.isEmpty()) {
            fail(expected.size() + " windows expected, " + embeddings.size() + " embeddings read; missing "
                    + missing.size() + " " + first(missing) + ", more than once " + repeated.size() + " "
                    + first(repeated) + ", unexpected " + unexpected.size() + " " + first(unexpected));
        }
    }

    private static List<String> first(Collection<String> keys) {
        return keys.stream().limit(10).toList();
    }
}
