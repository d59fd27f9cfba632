package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    void findsMetricsAndNothingElse() {
        String expression = "histogram_quantile(0.99, sum by (le) (rate(cpc_train_step_seconds_bucket"
                + "{instance=~\"$instance\", job=\"x\"}[$__rate_interval]))) > 1e-3 * on(instance) group_left cpc_loss"
                + " and deriv((a_b / c:d)[15m:1m]) > 0 or absent(up{job=\"cpcstream\"}) unless max(x) offset 5m";

        assertEquals(Set.of("cpc_train_step_seconds_bucket", "cpc_loss", "a_b", "c:d", "up", "x"),
                PromQlNames.in(expression));
    }
}
