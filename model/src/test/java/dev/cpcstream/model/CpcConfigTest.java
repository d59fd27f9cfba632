package dev.cpcstream.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A bad setting is refused with one line that names the setting, its value, what it must be and what to do. */
class CpcConfigTest {

    private static String refusal(String key, String value) {
        return assertThrows(IllegalArgumentException.class, () -> Presets.get("small", Map.of(key, value)))
                .getMessage();
    }

    @Test
    void aNegativeCountSaysWhatRangeToSetItIn() {
        assertEquals("model setting negatives = -5 is invalid: negatives are drawn from the queue, so set it between"
                + " 1 and queueSize = 8192 (or raise queueSize)", refusal("negatives", "-5"));
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertEquals("model setting hidden = -1 is invalid: a size or count must be at least 1",
                refusal("hidden", "-1"));
    }

    @Test
    void aValueOfTheWrongTypeNamesTheSettingAndWhatItTakes() {
        assertEquals("model setting negatives = 'many' is invalid: write a whole number", refusal("negatives", "many"));
        assertEquals("model setting carryState = 'yes' is invalid: write true or false", refusal("carryState", "yes"));
        assertEquals("model setting similarity = 'euclid' is invalid: write one of [cosine, dot]",
                refusal("similarity", "euclid"));
    }

    @Test
    void anUnknownSettingListsTheKnownOnes() {
        String message = refusal("negativs", "8");
        assertEquals(0, message.indexOf("unknown model setting 'negativs'; use one of [preset, "), message);
    }
}
