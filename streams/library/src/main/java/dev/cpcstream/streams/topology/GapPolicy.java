package dev.cpcstream.streams.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the assembler does when frames of a source are missing (a seq gap that the reorder buffer did not repair). */
public enum GapPolicy {

    /**
     * Put silence where the missing frames were (as many samples as the frame before the gap had, per missing
     * frame), so the window keeps its length in time. A gap longer than one window restarts instead: a window of
     * nothing but zeros teaches the model nothing.
     */
    ZERO_FILL,

    /** Drop the partial window and start the source's next window at the first frame after the gap. */
    RESTART;

    /** The form used in settings files: {@code zero-fill}, {@code restart}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static GapPolicy fromSetting(String value) {
        for (GapPolicy policy : values()) {
            if (policy.settingValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown gap policy '" + value + "'; choose one of "
                + Arrays.stream(values()).map(GapPolicy::settingValue).collect(Collectors.joining(", ")));
    }
}
