package dev.cpcstream.streams.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardSnapshotTest {

    /** Two scrapes a second apart, in the text format Micrometer writes. */
    private static ScrapedSeries twoScrapes() {
        ScrapedSeries s = new ScrapedSeries();
        s.add(0, """
                # HELP cpc_loss InfoNCE loss of the last step.
                # TYPE cpc_loss gauge
                cpc_loss NaN
                cpc_accuracy_per_step{k="1"} 0.25
                cpc_frames_in_total 100.0
                cpc_event_lag_seconds_sum 2.0
                cpc_event_lag_seconds_count 4.0
                cpc_dead_letters_total{reason="UNDECODABLE"} 1.0
                """);
        s.add(1, """
                cpc_loss 2.5
                cpc_accuracy_per_step{k="1"} 0.5
                cpc_frames_in_total 160.0
                cpc_event_lag_seconds_sum 5.0
                cpc_event_lag_seconds_count 6.0
                cpc_dead_letters_total{reason="UNDECODABLE"} 1.0
                cpc_dead_letters_total{reason="NON_FINITE"} +Inf
                """);
        return s;
    }

    @Test
    void gaugesAreAsScrapedAndCountersBecomeRates() {
        ScrapedSeries s = twoScrapes();

        assertArrayEquals(new double[]{Double.NaN, 2.5}, s.gauge("cpc_loss"));
        assertArrayEquals(new double[]{0.25, 0.5}, s.gauge("cpc_accuracy_per_step{k=\"1\"}"));
        assertArrayEquals(new double[]{Double.NaN, 60}, s.rate("cpc_frames_in_total", 5));
        // increase(sum) / increase(count): 3 s of lag over 2 embeddings.
        assertArrayEquals(new double[]{Double.NaN, 1.5},
                s.ratioOfIncreases("cpc_event_lag_seconds_sum", "cpc_event_lag_seconds_count", 5));
        assertEquals(List.of("cpc_dead_letters_total{reason=\"NON_FINITE\"}",
                "cpc_dead_letters_total{reason=\"UNDECODABLE\"}"), s.seriesOf("cpc_dead_letters_total"));
    }

    @Test
    void drawsEveryPanelEvenWithoutSamples(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("dashboard.png");

        DashboardPanels.write(png, "test", twoScrapes());

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1240, image.getWidth());
        assertTrue(image.getHeight() > 3 * 280);
    }
}
