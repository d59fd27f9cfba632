package dev.cpcstream.streams.topology;

import java.util.List;

/** The seven topics of one cpcstream deployment: {@code <prefix>frames}, {@code <prefix>embeddings}, ... */
public record TopicNames(String frames, String embeddings, String checkpoints, String deadLetters, String model,
                         String trainingWindows, String novelty) {

    public static TopicNames withPrefix(String prefix) {
        return new TopicNames(prefix + CpcNames.FRAMES, prefix + CpcNames.EMBEDDINGS, prefix + CpcNames.CHECKPOINTS,
                prefix + CpcNames.DEAD_LETTERS, prefix + CpcNames.MODEL, prefix + CpcNames.TRAINING_WINDOWS,
                prefix + CpcNames.NOVELTY);
    }

    public static TopicNames defaults() {
        return withPrefix(CpcNames.DEFAULT_TOPIC_PREFIX);
    }

    public List<String> all() {
        return List.of(frames, embeddings, checkpoints, deadLetters, model, trainingWindows, novelty);
    }
}
