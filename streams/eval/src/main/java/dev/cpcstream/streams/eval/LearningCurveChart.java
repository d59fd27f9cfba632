package dev.cpcstream.streams.eval;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning curve as a PNG: probe accuracy against seconds of signal, with flat dashed lines for majority-class
 * chance and for each reference (a baseline's accuracy on the same files).
 */
final class LearningCurveChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;

    /** A level the curve is read against: a baseline's accuracy. */
    record Reference(String name, double accuracy) {
    }

    private LearningCurveChart() {
    }

    static void write(Path png, String title, String yAxis, List<CurvePoint> curve, List<Reference> references)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("seconds of signal trained on").yAxisTitle(yAxis).build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        double[] seconds = curve.stream().mapToDouble(CurvePoint::seconds).toArray();
        chart.addSeries("CPC checkpoints", seconds, curve.stream().mapToDouble(CurvePoint::accuracy).toArray())
                .setMarker(SeriesMarkers.CIRCLE);
        double[] span = {seconds[0], seconds[seconds.length - 1]};
        List<Reference> levels = new ArrayList<>(references);
        levels.add(new Reference("majority-class chance", curve.get(0).chance()));
        for (Reference reference : levels) {
            XYSeries line = chart.addSeries(reference.name(), span, new double[]{reference.accuracy(),
                    reference.accuracy()});
            line.setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH);
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
