package dev.cpcstream.streams.eval;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.FrameStatistics;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.Window;
import dev.cpcstream.streams.source.Recording;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Embeds whole recordings with a trained model: a file's vector pools the encoder's z_t of every frame of its windows,
 * cut every hop as the streaming learner cuts them, into their mean and standard deviation ({@link FrameStatistics},
 * {@code [2C]}). z_t, not the context c_t: averaged over the runs of every task of the evaluation (speakers, harder
 * speakers, sound classes), the pooled encodings of a checkpoint were probed at least as well as its pooled contexts,
 * and as well as both together at half the width (docs/evaluation.md). A file shorter than one window is embedded
 * from all its samples as one shorter window (the encoder is convolutional), so no file is left out. A model with
 * prototypes also names the file's prototype: the one most of its windows are nearest to.
 *
 * <p>Files are run side by side, each in its own lane, so that a batch holds window i of up to {@code lanes} files.
 * Each lane's source id is the file's, prefixed, so the GRU state the forward pass carries from a file's window to
 * its next is the file's own, and no state the model carried for a live source of that name is picked up.
 */
public final class OfflineEmbedder {

    /** Files side by side in one batch unless the caller says otherwise ({@code cpcstream embed --lanes}). */
    public static final int DEFAULT_LANES = 16;
    private static final String LANE_PREFIX = "offline:";

    private final OnlineLearner learner;
    private final CpcConfig config;
    private final int lanes;

    public OfflineEmbedder(OnlineLearner learner, int lanes) {
        this.learner = learner;
        this.config = learner.config();
        this.lanes = lanes;
    }

    /** One pooled vector per recording, in order, with the number of windows it pools and its prototype. */
    public List<FileEmbedding> embed(List<Recording> recordings) {
        List<FileEmbedding> out = new ArrayList<>();
        for (int from = 0; from < recordings.size(); from += lanes) {
            out.addAll(embedSideBySide(recordings.subList(from, Math.min(recordings.size(), from + lanes))));
        }
        return out;
    }

    /** @param prototype the prototype most of the file's windows are nearest to (the lowest on a tie); null without */
    public record FileEmbedding(String file, int windows, float[] vector, Integer prototype) {
    }

    private List<FileEmbedding> embedSideBySide(List<Recording> group) {
        List<List<Window>> windows = group.stream().map(this::windows).toList();
        int longest = windows.stream().mapToInt(List::size).max().orElse(0);
        List<FrameStatistics> pooled = group.stream().map(r -> new FrameStatistics(config.channels())).toList();
        List<Map<Integer, Integer>> votes = group.stream().<Map<Integer, Integer>>map(r -> new TreeMap<>()).toList();
        for (int i = 0; i < longest; i++) {
            List<Window> batch = new ArrayList<>();
            List<Integer> owners = new ArrayList<>();
            for (int f = 0; f < group.size(); f++) {
                if (i < windows.get(f).size()) {
                    batch.add(windows.get(f).get(i));
                    owners.add(f);
                }
            }
            OnlineLearner.EveryFrame frames = learner.embedEveryFrameWithPrototypes(batch);
            float[][][] encodings = frames.encodings();               // [B][T][C]
            for (int b = 0; b < encodings.length; b++) {
                pooled.get(owners.get(b)).add(encodings[b]);
                if (frames.prototypes() != null) {
                    votes.get(owners.get(b)).merge(frames.prototypes()[b], 1, Integer::sum);
                }
            }
        }
        List<FileEmbedding> out = new ArrayList<>();
        for (int f = 0; f < group.size(); f++) {
            out.add(new FileEmbedding(group.get(f).sourceId(), windows.get(f).size(), pooled.get(f).meanAndStd(),
                    majority(votes.get(f))));
        }
        return out;
    }

    /** The most voted prototype, the lowest of those tied; null when no window named one. */
    private static Integer majority(Map<Integer, Integer> votes) {
        return votes.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
    }

    /** The recording's windows, channel-major as the model takes them; one short window if it has no full one. */
    private List<Window> windows(Recording recording) {
        int steps = recording.steps();
        if (steps == 0) {
            throw new IllegalArgumentException(recording.sourceId() + " has no samples to embed");
        }
        String lane = LANE_PREFIX + recording.sourceId();
        List<Window> windows = new ArrayList<>();
        for (int start = 0; start + config.window() <= steps; start += config.hop()) {
            windows.add(new Window(lane, channelMajor(recording, start, config.window())));
        }
        if (windows.isEmpty()) {
            windows.add(new Window(lane, channelMajor(recording, 0, steps)));
        }
        return windows;
    }

    /** Interleaved steps [start, start + length) -> {@code [channels * length]}, channel 0's samples first. */
    private static float[] channelMajor(Recording recording, int start, int length) {
        int channels = recording.channels();
        float[] interleaved = recording.samples();
        float[] out = new float[channels * length];
        for (int t = 0; t < length; t++) {
            for (int c = 0; c < channels; c++) {
                out[c * length + t] = interleaved[(start + t) * channels + c];
            }
        }
        return out;
    }
}
