package dev.cpcstream.streams.eval;

import dev.cpcstream.model.Gaussian;
import dev.cpcstream.model.synthetic.HiddenMarkovSines;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A kind of stream for the novelty evaluation: a preset, what its sources normally produce, and the changes they
 * switch to. Every source's normal signal is its own (its own seed); the model trains on the normal signals only.
 *
 * @param name    "audio" or "sensor"
 * @param preset  the model preset the domain's model is built from
 * @param normal  source i's normal signal for a seed
 * @param changes what a source may switch to
 */
record NoveltyDomain(String name, String preset, SignalFactory normal, List<Change> changes) {

    /** Source {@code index}'s normal signal under the run's seed. */
    @FunctionalInterface
    interface SignalFactory {
        Signal create(int index, long seed);
    }

    /** What source {@code index} switches to, given the normal signal it was producing (a fault degrades it). */
    @FunctionalInterface
    interface ChangeFactory {
        Signal after(Signal normal, int index, long seed);
    }

    /** @param description what the switch is, for the report */
    record Change(String name, String description, ChangeFactory factory) {
    }

    private static final int AUDIO_RATE = 16_000;
    private static final int AUDIO_STATES = 4;
    private static final double AUDIO_DWELL_SECONDS = 0.5;
    private static final double AUDIO_NOISE = 0.05;
    /** The HMM sines' RMS, roughly: two partials of amplitude 0.3, plus the noise. */
    private static final double AUDIO_RMS = 0.3;
    /** Seeds of the generators no source normally uses. */
    private static final long UNSEEN_SEEDS = 1_000;
    /** The sensor axis that breaks: ax. */
    private static final int BROKEN_AXIS = 0;
    /** The clipped axis saturates this far from its resting value, in g: about a third of its walking swing. */
    private static final double CLIP_G = 0.1;

    static NoveltyDomain audio(String preset) {
        return new NoveltyDomain("audio", preset, NoveltyDomain::tones, List.of(
                new Change("generator", "HMM sines with frequencies no source produced",
                        (normal, index, seed) -> tones(index, seed + UNSEEN_SEEDS)),
                new Change("noise", "white noise at the tones' level",
                        (normal, index, seed) -> whiteNoise(seed * 31 + index))));
    }

    static NoveltyDomain sensor(String preset) {
        SensorCorpus.Activity walking = activity("walking");
        SensorCorpus.Activity running = activity("running");
        return new NoveltyDomain("sensor", preset, (index, seed) -> activitySignal(walking, index, seed), List.of(
                new Change("stuck-axis", "walking; ax stops at its last value",
                        (normal, index, seed) -> stuck(normal)),
                new Change("clipped-axis", "walking; ax saturates " + CLIP_G + " g from rest",
                        (normal, index, seed) -> clipped(normal, walking.gravity()[BROKEN_AXIS])),
                new Change("activity", "walking, then running",
                        (normal, index, seed) -> activitySignal(running, index, seed + UNSEEN_SEEDS))));
    }

    private static Signal tones(int index, long seed) {
        return new HiddenMarkovSines(seed * 7919 + index, 1, AUDIO_RATE, AUDIO_STATES, AUDIO_DWELL_SECONDS,
                AUDIO_NOISE)::next;
    }

    private static Signal whiteNoise(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return steps -> {
            float[] out = new float[steps];
            for (int i = 0; i < steps; i++) {
                out[i] = (float) (AUDIO_RMS * Gaussian.next(random));
            }
            return out;
        };
    }

    private static SensorCorpus.Activity activity(String name) {
        return SensorCorpus.ACTIVITIES.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    /** Subject {@code index} doing the activity: 6 axes, interleaved. */
    private static Signal activitySignal(SensorCorpus.Activity activity, int index, long seed) {
        double subjectGain = 0.8 + 0.4 * new SplittableRandom(seed * 1_000_003L + index).nextDouble();
        HiddenMarkovSines motion = SensorCorpus.motion(activity, subjectGain, seed * 101 + index);
        return steps -> {
            float[] out = motion.next(steps);
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) SensorCorpus.reading(activity, subjectGain, i % SensorCorpus.CHANNELS, out[i]);
            }
            return out;
        };
    }

    /** The broken axis holds the value it read first after breaking; the other axes go on. */
    private static Signal stuck(Signal normal) {
        return new Signal() {
            private Float held;

            @Override
            public float[] next(int steps) {
                float[] out = normal.next(steps);
                if (held == null) {
                    held = out[BROKEN_AXIS];
                }
                for (int t = 0; t < steps; t++) {
                    out[t * SensorCorpus.CHANNELS + BROKEN_AXIS] = held;
                }
                return out;
            }
        };
    }

    private static Signal clipped(Signal normal, double rest) {
        return steps -> {
            float[] out = normal.next(steps);
            for (int t = 0; t < steps; t++) {
                int i = t * SensorCorpus.CHANNELS + BROKEN_AXIS;
                out[i] = (float) Math.max(rest - CLIP_G, Math.min(rest + CLIP_G, out[i]));
            }
            return out;
        };
    }
}
