package dev.cpcstream.model.novelty;

import java.util.Arrays;
import java.util.Locale;

/** Which term of a window's novelty its score, and hence the threshold, is about. */
public enum NoveltyTerm {
    /** The window's InfoNCE against its own frames: the model cannot predict what comes next. */
    LOSS,
    /** Cosine distance to the running mean of the source's recent embeddings: unlike what this source produced. */
    SOURCE,
    /** Cosine distance to the running mean of every source's recent embeddings: unlike what the stream produced. */
    STREAM;

    /** The term a setting names: {@code loss}, {@code source} or {@code stream}, any case. */
    public static NoveltyTerm fromSetting(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown novelty score '" + value + "'; choose one of "
                    + Arrays.stream(values()).map(NoveltyTerm::settingValue).toList(), e);
        }
    }

    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
