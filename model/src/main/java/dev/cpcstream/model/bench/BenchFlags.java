package dev.cpcstream.model.bench;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.Presets;

import java.util.LinkedHashMap;
import java.util.Map;

/** The flags of {@code shared/bench/torch_cpc.py}, with its defaults (the CPC paper's audio setup). */
record BenchFlags(Map<String, String> values, boolean help) {

    static final String USAGE = """
            Usage: bench-model [--channels C] [--hidden H] [--batch B] [--window L] [--kernels 10,8,4,4,4]
                               [--strides 5,4,2,2,2] [--paddings 3,2,1,1,1] [--in-channels 1] [--steps-ahead K]
                               [--negatives N] [--queue Q] [--tau T] [--momentum M] [--no-norm] [--threads n]
                               [--steps S] [--warmup W]
            The same CPC + MoCo-queue training step as shared/bench/torch_cpc.py (same flags, same JSON keys, plus
            peak_rss_mb); run both in one session and compare train_step_ms and achieved_gflops as ratios.""";

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("channels", "512");
        d.put("hidden", "256");
        d.put("batch", "8");
        d.put("window", "20480");
        d.put("kernels", "10,8,4,4,4");
        d.put("strides", "5,4,2,2,2");
        d.put("paddings", "3,2,1,1,1");
        d.put("in-channels", "1");
        d.put("steps-ahead", "12");
        d.put("negatives", "128");
        d.put("queue", "8192");
        d.put("tau", "0.07");
        d.put("momentum", "0.999");
        d.put("norm", "true");
        d.put("threads", "2");
        d.put("steps", "10");
        d.put("warmup", "3");
        return d;
    }

    static BenchFlags parse(String[] args) {
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (a.equals("--no-norm")) {
                v.put("norm", "false");
            } else if (a.startsWith("--") && v.containsKey(a.substring(2)) && i + 1 < args.length) {
                v.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete flag '" + a + "'\n" + USAGE);
            }
        }
        return new BenchFlags(v, help);
    }

    int batch() {
        return Integer.parseInt(values.get("batch"));
    }

    int threads() {
        return Integer.parseInt(values.get("threads"));
    }

    int steps() {
        return Integer.parseInt(values.get("steps"));
    }

    int warmup() {
        return Integer.parseInt(values.get("warmup"));
    }

    /** The model these flags describe: the paper preset with the flags' shapes and the peer's loss settings. */
    CpcConfig config() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("channels", values.get("channels"));
        o.put("hidden", values.get("hidden"));
        o.put("window", values.get("window"));
        o.put("hop", values.get("window"));
        o.put("kernels", values.get("kernels"));
        o.put("strides", values.get("strides"));
        o.put("paddings", values.get("paddings"));
        o.put("inChannels", values.get("in-channels"));
        o.put("stepsAhead", values.get("steps-ahead"));
        o.put("negatives", values.get("negatives"));
        o.put("queueSize", values.get("queue"));
        o.put("tau", values.get("tau"));
        o.put("momentum", values.get("momentum"));
        o.put("channelNorm", values.get("norm"));
        o.put("similarity", "cosine");
        o.put("batchNegatives", "false");
        o.put("carryState", "false");
        return Presets.get("paper", o);
    }
}
