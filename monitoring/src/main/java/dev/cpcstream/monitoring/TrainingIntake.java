package dev.cpcstream.monitoring;

/** What the trainer did with a window that reached it; the {@link MetricNames#TAG_OUTCOME} values. */
public enum TrainingIntake {
    /** It was in a training step. */
    TRAINED,
    /** It had waited longer than the trainer's lag budget: input outran training, and the freshest windows win. */
    STALE,
    /** Its batch fell between two of {@code cpc.train.every}'s batches. */
    THINNED
}
