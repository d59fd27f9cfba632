package dev.cpcstream.streams.eval;

import dev.cpcstream.model.synthetic.HiddenMarkovSines;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A labelled corpus of synthetic 6-axis IMU logs (accelerometer ax, ay, az in g, then gyroscope gx, gy, gz) at
 * 50 Hz, the sensor preset's input: one CSV file per activity and subject in {@code DIR/logs}, and
 * {@code DIR/labels.csv} ({@code file,activity,subject,split}) beside it, not inside, where {@code csv:DIR/logs}
 * would read it as one more log. Each activity has its own dynamics: how strongly it moves, how many motion
 * patterns it switches between and how often ({@link HiddenMarkovSines}), how noisy it is, and which way gravity
 * points. A subject's files share a sensor gain; the pattern frequencies differ from file to file. The split is by
 * subject, the last quarter of them (at least one) being test, so a probe must generalise to people it never saw.
 */
final class SensorCorpus {

    static final int SAMPLE_RATE = 50;
    static final String HEADER = "ax,ay,az,gx,gy,gz";
    static final int CHANNELS = 6;

    /**
     * @param gain         amplitude of the motion relative to HiddenMarkovSines' ~0.3
     * @param states       motion patterns the activity switches between
     * @param dwellSeconds mean time in one pattern
     * @param noise        sensor noise, standard deviation
     * @param gravity      {@code [3]} the accelerometer's reading at rest, in g
     */
    record Activity(String name, double gain, int states, double dwellSeconds, double noise, double[] gravity) {
    }

    static final List<Activity> ACTIVITIES = List.of(
            new Activity("sitting", 0.05, 2, 8.0, 0.01, new double[]{0, 0.7, 0.7}),
            new Activity("standing", 0.1, 2, 4.0, 0.02, new double[]{0, 0, 1}),
            new Activity("walking", 0.8, 3, 2.0, 0.05, new double[]{0, 0, 1}),
            new Activity("running", 1.6, 3, 1.0, 0.1, new double[]{0, 0, 1}),
            new Activity("cycling", 0.6, 2, 3.0, 0.03, new double[]{0.5, 0, 0.85}),
            new Activity("stairs", 1.0, 4, 0.5, 0.08, new double[]{0, 0.2, 0.98}));

    private SensorCorpus() {
    }

    static final String LOGS = "logs";

    /** Writes {@code ACTIVITIES.size() * subjects} CSV files into DIR/logs and DIR/labels.csv; returns the logs. */
    static List<Path> write(Path dir, int subjects, double seconds, long seed) throws IOException {
        if (subjects < 2) {
            throw new IllegalArgumentException("need at least 2 subjects, one to train on and one to test, got "
                    + subjects);
        }
        Files.createDirectories(dir.resolve(LOGS));
        int testSubjects = Math.max(1, subjects / 4);
        List<String> labels = new ArrayList<>(List.of("file,activity,subject,split"));
        List<Path> files = new ArrayList<>();
        for (int s = 0; s < subjects; s++) {
            String subject = String.format(Locale.ROOT, "p%02d", s + 1);
            double subjectGain = 0.8 + 0.4 * new SplittableRandom(seed * 1_000_003L + s).nextDouble();
            for (int a = 0; a < ACTIVITIES.size(); a++) {
                Activity activity = ACTIVITIES.get(a);
                String name = activity.name() + "_" + subject + ".csv";
                long fileSeed = seed * 1_000_003L + s * 101L + a;
                int steps = (int) (seconds * SAMPLE_RATE);
                files.add(writeLog(dir.resolve(LOGS).resolve(name), activity, subjectGain, steps, fileSeed));
                labels.add(name + "," + activity.name() + "," + subject + ","
                        + (s >= subjects - testSubjects ? Split.TEST : Split.TRAIN));
            }
        }
        Files.write(dir.resolve("labels.csv"), labels);
        return files;
    }

    /** The activity's motion for one subject: call {@code next} and turn each value into a {@link #reading}. */
    static HiddenMarkovSines motion(Activity activity, double subjectGain, long seed) {
        return new HiddenMarkovSines(seed, CHANNELS, SAMPLE_RATE, activity.states(), activity.dwellSeconds(),
                activity.noise() / (activity.gain() * subjectGain));
    }

    /** What axis {@code channel} reads for a motion value: the motion scaled, plus gravity on the accelerometer. */
    static double reading(Activity activity, double subjectGain, int channel, double motion) {
        return activity.gain() * subjectGain * motion + (channel < 3 ? activity.gravity()[channel] : 0);
    }

    private static Path writeLog(Path file, Activity activity, double subjectGain, int steps, long seed)
            throws IOException {
        HiddenMarkovSines motion = motion(activity, subjectGain, seed);
        float[] interleaved = motion.next(steps);   // [steps * 6]
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(HEADER);
            out.newLine();
            for (int t = 0; t < steps; t++) {
                StringBuilder row = new StringBuilder();
                for (int c = 0; c < CHANNELS; c++) {
                    double value = reading(activity, subjectGain, c, interleaved[t * CHANNELS + c]);
                    row.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.5f", value));
                }
                out.write(row.toString());
                out.newLine();
            }
        }
        return file;
    }
}
