package dev.cpcstream.streams.eval;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The novelty evaluation as a PNG: ROC AUC of each method, grouped by scenario; 0.5 is chance. */
final class NoveltyChart {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 560;

    private NoveltyChart() {
    }

    static void write(Path png, String title, List<ScenarioResult> scenarios) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("scenario (domain/change)").yAxisTitle("ROC AUC, switch vs normal windows").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        List<String> names = scenarios.stream().map(s -> s.domain() + "/" + s.change()).toList();
        List<String> methods = scenarios.get(0).methods().stream().map(MethodResult::method).toList();
        for (int m = 0; m < methods.size(); m++) {
            int method = m;
            List<Double> aucs = scenarios.stream()
                    .map(s -> s.methods().get(method).auc() == null ? 0.0 : s.methods().get(method).auc()).toList();
            chart.addSeries(methods.get(m), names, aucs);
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
