package dev.cpcstream.monitoring;

/** Why a stored checkpoint was passed over at restore for an older one; the {@link MetricNames#TAG_REASON} values. */
public enum CheckpointRejection {
    /** Its bytes are not a checkpoint: truncated, corrupt, or of an unknown schema. */
    UNDECODABLE,
    /** It decodes, but its state cannot be the learner's: tensors of the wrong size, weights not finite. */
    INVALID
}
