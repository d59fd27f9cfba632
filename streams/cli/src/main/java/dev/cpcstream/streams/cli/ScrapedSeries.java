package dev.cpcstream.streams.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The samples of successive scrapes of a /metrics endpoint (Prometheus text format), kept in memory so the panels of
 * the Grafana dashboard can be drawn from them: gauges as scraped, counters as per-second rates, as the dashboard's
 * PromQL computes them. A series is named as in the text format, labels included:
 * {@code cpc_accuracy_per_step{k="1"}}.
 */
final class ScrapedSeries {

    /** One scrape: seconds since the first one, and every sample by series name. */
    private record Scrape(double seconds, Map<String, Double> values) {
    }

    private final List<Scrape> scrapes = new ArrayList<>();

    /** Adds one scrape taken {@code seconds} after the first; lines other than samples (# HELP, # TYPE) are skipped. */
    void add(double seconds, String prometheusText) {
        Map<String, Double> values = new HashMap<>();
        for (String line : prometheusText.split("\n")) {
            String sample = line.strip();
            // Micrometer writes no timestamps, so a sample line is "name{labels} value".
            int space = sample.lastIndexOf(' ');
            if (sample.isEmpty() || sample.startsWith("#") || space < 0) {
                continue;
            }
            values.put(sample.substring(0, space), number(sample.substring(space + 1)));
        }
        scrapes.add(new Scrape(seconds, values));
    }

    int size() {
        return scrapes.size();
    }

    double[] seconds() {
        return scrapes.stream().mapToDouble(Scrape::seconds).toArray();
    }

    /** The series named exactly {@code series}; NaN where a scrape lacks it. */
    double[] gauge(String series) {
        return scrapes.stream().mapToDouble(s -> s.values().getOrDefault(series, Double.NaN)).toArray();
    }

    /** Every series of metric {@code name}, with or without labels, in name order. */
    List<String> seriesOf(String name) {
        TreeSet<String> names = new TreeSet<>();
        for (Scrape scrape : scrapes) {
            for (String series : scrape.values().keySet()) {
                if (series.equals(name) || series.startsWith(name + "{")) {
                    names.add(series);
                }
            }
        }
        return List.copyOf(names);
    }

    /** A counter's series summed over its labels, as per-second increase over the last {@code window} seconds. */
    double[] rate(String counter, double window) {
        return ratio(sum(counter), seconds(), window);
    }

    /** Increase of {@code numerator} over increase of {@code denominator} in the last {@code window} seconds. */
    double[] ratioOfIncreases(String numerator, String denominator, double window) {
        return ratio(sum(numerator), sum(denominator), window);
    }

    /** Like PromQL's {@code increase(a[w]) / increase(b[w])}, from the first scrape inside the window to this one. */
    private double[] ratio(double[] numerator, double[] denominator, double window) {
        double[] seconds = seconds();
        double[] out = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            int from = i;
            while (from > 0 && seconds[i] - seconds[from - 1] <= window) {
                from--;
            }
            double below = denominator[i] - denominator[from];
            out[i] = below > 0 ? (numerator[i] - numerator[from]) / below : Double.NaN;
        }
        return out;
    }

    private double[] sum(String name) {
        List<String> all = seriesOf(name);
        double[] total = new double[scrapes.size()];
        for (int i = 0; i < total.length; i++) {
            Map<String, Double> values = scrapes.get(i).values();
            double sum = all.isEmpty() ? Double.NaN : 0;
            for (String series : all) {
                sum += values.getOrDefault(series, Double.NaN);
            }
            total[i] = sum;
        }
        return total;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
