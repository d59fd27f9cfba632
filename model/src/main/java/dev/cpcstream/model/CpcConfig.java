package dev.cpcstream.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The effective configuration of a CPC model and its online training; documented key by key in
 * {@code presets.properties}. Stored in every checkpoint so a restore rebuilds the same model.
 *
 * <p>Paper symbols: C conv channels (key dimension), H GRU hidden size, K prediction steps, N negatives, tau, m;
 * from PCL, P prototypes (the {@code prototypes} key, one count per granularity; PCL's k).
 */
public record CpcConfig(String preset, int sampleRate, int inChannels, int window, int hop,
                        FrontEnd frontEnd, int melBands, int[] kernels, int[] strides, int[] paddings, int channels, int hidden, int stepsAhead,
                        int predictorHidden, int negatives, int queueSize, boolean batchNegatives, Similarity similarity, double tau,
                        double momentum, boolean channelNorm, double learningRate, double learningRateDecay,
                        int learningRateWarmup, double gradClip, boolean carryState, Augmentation augmentation, int[] prototypes, double protoWeight, int protoEvery, double protoDecay,
                        int protoWarmup, int protoRamp, long seed) {

    /**
     * Keys added after the first release, with values that reproduce what that release did: no prototypes, no
     * ProtoNCE (the interval, decay, warm-up and ramp are then never used), a constant learning rate from the first
     * step, the waveform front end, no augmentation, linear prediction heads.
     */
    private static final Map<String, String> ADDED_LATER = Map.ofEntries(
            Map.entry("prototypes", "0"), Map.entry("protoWeight", "0"), Map.entry("protoEvery", "1"),
            Map.entry("protoDecay", "0"), Map.entry("protoWarmup", "0"), Map.entry("protoRamp", "0"),
            Map.entry("learningRateDecay", "0"), Map.entry("learningRateWarmup", "0"),
            Map.entry("predictorHidden", "0"), Map.entry("frontEnd", "waveform"),
            Map.entry("melBands", Integer.toString(LogMelSpectrogram.BANDS)), Map.entry("augmentation", "none"));

    public CpcConfig {
        if (kernels.length == 0 || kernels.length != strides.length || kernels.length != paddings.length) {
            throw invalid("kernels / strides / paddings", Arrays.toString(kernels) + " / " + Arrays.toString(strides)
                    + " / " + Arrays.toString(paddings), "give one value per conv layer in each, as many in all three");
        }
        requirePositive("sampleRate", sampleRate);
        requirePositive("inChannels", inChannels);
        requirePositive("window", window);
        requirePositive("melBands", melBands);
        requirePositive("channels", channels);
        requirePositive("hidden", hidden);
        requirePositive("stepsAhead", stepsAhead);
        if (predictorHidden < 0) {
            throw invalid("predictorHidden", predictorHidden,
                    "set 0 for linear heads on c_t, or the width of the predictor's hidden layer");
        }
        requirePositive("queueSize", queueSize);
        int downsampling = downsampling(frontEnd, sampleRate, strides);
        if (hop <= 0 || hop > window || hop % downsampling != 0) {
            throw invalid("hop", hop, "set it to a multiple of the encoder's downsampling " + downsampling
                    + " (the front end's step times the product of the strides) between " + downsampling
                    + " and window = " + window);
        }
        int frames = convFrames(frontEnd.featureSteps(window, sampleRate), kernels, strides, paddings);
        if (frames <= stepsAhead) {
            throw invalid("window", window, "it gives " + frames
                    + " frames, and predicting stepsAhead = " + stepsAhead + " frames ahead needs more; raise window"
                    + " or lower stepsAhead");
        }
        if (negatives <= 0 || queueSize < negatives) {
            throw invalid("negatives", negatives, "negatives are drawn from the queue, so set it between 1 and"
                    + " queueSize = " + queueSize + " (or raise queueSize)");
        }
        boolean off = prototypes.length == 1 && prototypes[0] == 0;
        if (prototypes.length == 0 || !off && Arrays.stream(prototypes).anyMatch(p -> p < 2 || p > queueSize)) {
            throw invalid("prototypes", join(prototypes), "set 0 to turn prototypes off, or one count per granularity"
                    + " (e.g. 64 or 16,32,64), each between 2 and queueSize = " + queueSize
                    + ": the prototypes are clustered from the queue's keys");
        }
        if (!(tau > 0)) {
            throw invalid("tau", tau, "the InfoNCE temperature divides the logits; set it above 0, e.g. 0.1");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw invalid("momentum", momentum, "set the key encoder's momentum in [0, 1), e.g. 0.999");
        }
        if (!(learningRate > 0)) {
            throw invalid("learningRate", learningRate, "set it above 0, e.g. 2e-4");
        }
        if (!(learningRateDecay >= 0)) {
            throw invalid("learningRateDecay", learningRateDecay, "set 0 for a constant rate, or a positive decay");
        }
        if (learningRateWarmup < 0) {
            throw invalid("learningRateWarmup", learningRateWarmup,
                    "set 0 to start at the full rate, or the steps over which the rate rises to it");
        }
        if (!(gradClip > 0)) {
            throw invalid("gradClip", gradClip, "set the gradient-norm clip above 0, e.g. 5");
        }
        String augmentationProblem = augmentation.unsupportedWith(frontEnd);
        if (augmentationProblem != null) {
            throw invalid("augmentation", augmentation.name().toLowerCase(), augmentationProblem);
        }
        if (!(protoWeight >= 0)) {
            throw invalid("protoWeight", protoWeight, "set 0 (no ProtoNCE) or a positive weight");
        }
        if (protoEvery < 1) {
            throw invalid("protoEvery", protoEvery, "set the number of steps between k-means passes to 1 or more");
        }
        if (!(protoDecay >= 0 && protoDecay <= 1)) {
            throw invalid("protoDecay", protoDecay, "set the prototypes' count decay in [0, 1]");
        }
        if (protoWarmup < 0 || protoRamp < 0) {
            throw invalid("protoWarmup / protoRamp", protoWarmup + " / " + protoRamp,
                    "set the steps of InfoNCE alone, and of the ProtoNCE weight's ramp after them, to 0 or more");
        }
    }

    private static void requirePositive(String setting, int value) {
        if (value <= 0) {
            throw invalid(setting, value, "a size or count must be at least 1");
        }
    }

    /** What is wrong (the setting and its value) and what to do, in one line a user can act on. */
    private static IllegalArgumentException invalid(String setting, Object value, String remedy) {
        return new IllegalArgumentException("model setting " + setting + " = " + value + " is invalid: " + remedy);
    }

    /** Channels of what g_enc reads, after the front end. */
    public int featureChannels() {
        return frontEnd.featureChannels(inChannels, melBands);
    }

    /** Frames z_t the encoder makes of one window: T. */
    public int frames() {
        return frames(window);
    }

    /** Frames z_t the encoder makes of {@code samples} input steps. */
    public int frames(int samples) {
        return convFrames(frontEnd.featureSteps(samples, sampleRate), kernels, strides, paddings);
    }

    /** Anchors t per window that have a future K steps ahead: T - K. */
    public int anchors() {
        return frames() - stepsAhead;
    }

    /** Samples per encoded frame: the front end's step times the product of the strides. */
    public int downsampling() {
        return downsampling(frontEnd, sampleRate, strides);
    }

    private static int convFrames(int steps, int[] kernels, int[] strides, int[] paddings) {
        int t = steps;
        for (int i = 0; i < kernels.length; i++) {
            t = (t + 2 * paddings[i] - kernels[i]) / strides[i] + 1;
        }
        return t;
    }

    private static int downsampling(FrontEnd frontEnd, int sampleRate, int[] strides) {
        return frontEnd.samplesPerStep(sampleRate) * Arrays.stream(strides).reduce(1, (a, b) -> a * b);
    }

    /** Prototypes over every granularity, 0 without PCL. */
    public int prototypeCount() {
        return Arrays.stream(prototypes).sum();
    }

    /**
     * ProtoNCE's weight at applied step {@code step}: 0 during the protoWarmup steps of InfoNCE alone (as PCL warms
     * up before clustering matters), then rising linearly to protoWeight over protoRamp steps.
     */
    public double protoWeightAt(long step) {
        if (step < protoWarmup) {
            return 0.0;
        }
        return protoRamp == 0 ? protoWeight : protoWeight * Math.min(1.0, (step - protoWarmup + 1.0) / protoRamp);
    }

    /** ln(N + 1): the loss at chance, with or without in-batch negatives not counted. */
    public double chanceLoss() {
        return Math.log(negatives + 1.0);
    }


    /** The flat key/value form, the same keys as {@code presets.properties}: logged at start, kept in checkpoints. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("preset", preset);
        m.put("sampleRate", Integer.toString(sampleRate));
        m.put("inChannels", Integer.toString(inChannels));
        m.put("window", Integer.toString(window));
        m.put("hop", Integer.toString(hop));
        m.put("frontEnd", frontEnd.name().toLowerCase());
        m.put("melBands", Integer.toString(melBands));
        m.put("kernels", join(kernels));
        m.put("strides", join(strides));
        m.put("paddings", join(paddings));
        m.put("channels", Integer.toString(channels));
        m.put("hidden", Integer.toString(hidden));
        m.put("stepsAhead", Integer.toString(stepsAhead));
        m.put("predictorHidden", Integer.toString(predictorHidden));
        m.put("negatives", Integer.toString(negatives));
        m.put("queueSize", Integer.toString(queueSize));
        m.put("batchNegatives", Boolean.toString(batchNegatives));
        m.put("similarity", similarity.name().toLowerCase());
        m.put("tau", Double.toString(tau));
        m.put("momentum", Double.toString(momentum));
        m.put("channelNorm", Boolean.toString(channelNorm));
        m.put("learningRate", Double.toString(learningRate));
        m.put("learningRateDecay", Double.toString(learningRateDecay));
        m.put("learningRateWarmup", Integer.toString(learningRateWarmup));
        m.put("gradClip", Double.toString(gradClip));
        m.put("carryState", Boolean.toString(carryState));
        m.put("augmentation", augmentation.name().toLowerCase());
        m.put("prototypes", join(prototypes));
        m.put("protoWeight", Double.toString(protoWeight));
        m.put("protoEvery", Integer.toString(protoEvery));
        m.put("protoDecay", Double.toString(protoDecay));
        m.put("protoWarmup", Integer.toString(protoWarmup));
        m.put("protoRamp", Integer.toString(protoRamp));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /**
     * SHA-256 of {@link #toMap()} in key order, hex: what a model snapshot names its config by, so a follower can
     * refuse weights whose shapes or training differ from its own.
     */
    public String hash() {
        try {
            byte[] text = new TreeMap<>(toMap()).toString().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * Builds a config from the flat form; every key of {@link #toMap()} must be present, except those added after
     * the first release, which a checkpoint written before them lacks.
     */
    public static CpcConfig fromMap(Map<String, String> flat) {
        Map<String, String> m = new LinkedHashMap<>(ADDED_LATER);
        m.putAll(flat);
        return new CpcConfig(get(m, "preset"), integer(m, "sampleRate"), integer(m, "inChannels"),
                integer(m, "window"), integer(m, "hop"), choice(m, "frontEnd", FrontEnd.class), integer(m, "melBands"), ints(m, "kernels"), ints(m, "strides"), ints(m, "paddings"),
                integer(m, "channels"), integer(m, "hidden"), integer(m, "stepsAhead"), integer(m, "predictorHidden"),
                integer(m, "negatives"),
                integer(m, "queueSize"), bool(m, "batchNegatives"), choice(m, "similarity", Similarity.class), real(m, "tau"),
                real(m, "momentum"), bool(m, "channelNorm"), real(m, "learningRate"), real(m, "learningRateDecay"),
                integer(m, "learningRateWarmup"), real(m, "gradClip"), bool(m, "carryState"), choice(m, "augmentation", Augmentation.class), ints(m, "prototypes"), real(m, "protoWeight"),
                integer(m, "protoEvery"), real(m, "protoDecay"), integer(m, "protoWarmup"), integer(m, "protoRamp"),
                parsed(m, "seed", "a whole number", Long::parseLong));
    }

    /** A copy with some keys replaced, e.g. {@code with(Map.of("negatives", "256"))}. */
    public CpcConfig with(Map<String, String> overrides) {
        Map<String, String> m = toMap();
        overrides.forEach((k, v) -> {
            if (!m.containsKey(k)) {
                throw new IllegalArgumentException("unknown model setting '" + k + "'; use one of " + m.keySet());
            }
            m.put(k, v);
        });
        return fromMap(m);
    }

    private static String get(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("model setting '" + key + "' is missing; add it, as in presets.properties");
        }
        return v.trim();
    }

    private static int integer(Map<String, String> m, String key) {
        return parsed(m, key, "a whole number", Integer::parseInt);
    }

    private static double real(Map<String, String> m, String key) {
        return parsed(m, key, "a number such as 0.5 or 1e-3", Double::parseDouble);
    }

    private static int[] ints(Map<String, String> m, String key) {
        return parsed(m, key, "whole numbers separated by commas, e.g. 10,8,4",
                v -> Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray());
    }

    private static boolean bool(Map<String, String> m, String key) {
        return parsed(m, key, "true or false", v -> switch (v.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(v);
        });
    }

    private static <E extends Enum<E>> E choice(Map<String, String> m, String key, Class<E> type) {
        return parsed(m, key, "one of " + Arrays.stream(type.getEnumConstants())
                .map(v -> v.name().toLowerCase()).toList(), v -> Enum.valueOf(type, v.toUpperCase()));
    }

    /** The setting's value read by {@code parse}; a value it cannot read names the setting and what it takes. */
    private static <T> T parsed(Map<String, String> m, String key, String expected, Function<String, T> parse) {
        String value = get(m, key);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw invalid(key, "'" + value + "'", "write " + expected);
        }
    }

    private static String join(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpcConfig other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
