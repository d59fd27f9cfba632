package dev.cpcstream.streams.cli;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The main panels of the Grafana dashboard ({@code monitoring/grafana/dashboards/cpcstream.json}), drawn from
 * {@link ScrapedSeries} into one PNG, two panels a row: the same series and the same arithmetic as the panels'
 * PromQL, with {@link #RATE_WINDOW} standing in for {@code $__rate_interval}.
 */
final class DashboardPanels {

    private static final int PANEL_WIDTH = 620;
    private static final int PANEL_HEIGHT = 280;
    private static final int COLUMNS = 2;
    private static final int HEADER = 36;
    /** Seconds of scrapes a rate is taken over. */
    private static final double RATE_WINDOW = 5;
    private static final Pattern K_LABEL = Pattern.compile("\\bk=\"(\\d+)\"");

    /** One dashboard panel: its title, unit and lines by legend name. */
    private record Panel(String title, String unit, Map<String, double[]> lines) {
    }

    private DashboardPanels() {
    }

    static void write(Path png, String heading, ScrapedSeries scraped) throws IOException {
        List<Panel> panels = panels(scraped);
        int rows = (panels.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage image = new BufferedImage(COLUMNS * PANEL_WIDTH, HEADER + rows * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(heading, 12, 24);
            for (int i = 0; i < panels.size(); i++) {
                BufferedImage panel = BitmapEncoder.getBufferedImage(chart(panels.get(i), scraped.seconds()));
                g.drawImage(panel, (i % COLUMNS) * PANEL_WIDTH, HEADER + (i / COLUMNS) * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        ImageIO.write(image, "png", png.toFile());
    }

    private static List<Panel> panels(ScrapedSeries s) {
        Map<String, double[]> accuracy = new LinkedHashMap<>();
        accuracy.put("all k", s.gauge("cpc_accuracy"));
        // The nearest and the farthest step only: twelve noisy lines would hide the one that matters.
        List<String> perStep = s.seriesOf("cpc_accuracy_per_step").stream()
                .sorted(Comparator.comparingInt(DashboardPanels::k)).toList();
        if (!perStep.isEmpty()) {
            for (String series : List.of(perStep.get(0), perStep.get(perStep.size() - 1))) {
                accuracy.put("k = " + k(series), s.gauge(series));
            }
        }
        return List.of(
                new Panel("InfoNCE loss against chance", "nats", lines(
                        "loss", s.gauge("cpc_loss"), "chance ln(N+1)", s.gauge("cpc_loss_chance"))),
                new Panel("Contrastive accuracy by prediction step k", "top-1", accuracy),
                new Panel("Effective rank of recent embeddings", "dimensions", lines(
                        "effective rank", s.gauge("cpc_embedding_effective_rank"),
                        "H (width)", s.gauge("cpc_embedding_dimensions"))),
                new Panel("Alignment and uniformity", "", lines(
                        "alignment (lower: positives closer)", s.gauge("cpc_alignment"),
                        "uniformity (lower: keys spread)", s.gauge("cpc_uniformity"))),
                // Frames in (a window's worth of frames each) would flatten these two on a shared axis.
                new Panel("Throughput", "windows per second", lines(
                        "windows assembled", s.rate("cpc_windows_total", RATE_WINDOW),
                        "embeddings out", s.rate("cpc_embeddings_out_total", RATE_WINDOW))),
                new Panel("Event-time lag", "seconds", lines(
                        "mean", s.ratioOfIncreases("cpc_event_lag_seconds_sum", "cpc_event_lag_seconds_count",
                                RATE_WINDOW),
                        "max", s.gauge("cpc_event_lag_seconds_max"))));
    }

    /** The step k of a series {@code cpc_accuracy_per_step{k="3"}}. */
    private static int k(String perStepSeries) {
        Matcher m = K_LABEL.matcher(perStepSeries);
        if (!m.find()) {
            throw new IllegalArgumentException("no k label in " + perStepSeries);
        }
        return Integer.parseInt(m.group(1));
    }

    private static Map<String, double[]> lines(Object... nameThenValues) {
        Map<String, double[]> lines = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) {
            lines.put((String) nameThenValues[i], (double[]) nameThenValues[i + 1]);
        }
        return lines;
    }

    private static XYChart chart(Panel panel, double[] seconds) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(panel.title())
                .xAxisTitle("seconds").yAxisTitle(panel.unit()).build();
        XYStyler styler = chart.getStyler();
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setXAxisMin(0.0).setXAxisMax(seconds.length == 0 ? 1.0 : seconds[seconds.length - 1]);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE).setChartTitleBoxVisible(false)
                .setChartBackgroundColor(Color.WHITE).setLegendBackgroundColor(new Color(255, 255, 255, 200));
        boolean drawn = false;
        for (Map.Entry<String, double[]> line : panel.lines().entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            // XChart cannot draw NaN: a series starts at its first finite sample (a gauge before the first step).
            for (int i = 0; i < seconds.length; i++) {
                if (Double.isFinite(line.getValue()[i])) {
                    x.add(seconds[i]);
                    y.add(line.getValue()[i]);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(line.getKey(), x, y).setMarker(SeriesMarkers.NONE);
                drawn = true;
            }
        }
        if (!drawn) {
            chart.setTitle(panel.title() + " (no samples)");
            chart.addSeries("none", new double[]{0}, new double[]{0}).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
