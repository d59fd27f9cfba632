package dev.cpcstream.streams.eval;

import java.util.Locale;

/** Which side of the probe a file is on: the probe is fitted on TRAIN files and scored on TEST files. */
public enum Split {
    TRAIN, TEST;

    static Split parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "train" -> TRAIN;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException("split is '" + text + "'; use train or test");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
