package dev.cpcstream.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found by removing everything that is not one (strings, label
 * matchers, ranges, grouping clauses, Grafana variables) and then skipping functions, keywords and numbers.
 * Enough for the expressions of our dashboard and alert rules, not a PromQL parser.
 */
final class PromQlNames {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    /**
     * A whole identifier (possessive, so no shorter prefix of a function name matches), not preceded by a digit or
     * a dot (so not the exponent of 1e-3) and not followed by "(" (so not a function).
     */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan",
            "by", "without", "on", "ignoring", "group_left", "group_right");

    private PromQlNames() {
    }

    static Set<String> in(String expression) {
        String stripped = expression;
        for (Pattern noise : new Pattern[] {STRINGS, LABEL_MATCHERS, RANGES, GROUPING, VARIABLES}) {
            stripped = noise.matcher(stripped).replaceAll(" ");
        }
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
