package dev.cpcstream.streams.topology;

import dev.cpcstream.schemas.DeadLetterReason;

/** A frame the learner cannot use; it goes to the dead-letter topic with this reason and message. */
public final class RejectedFrameException extends RuntimeException {

    private final DeadLetterReason reason;

    public RejectedFrameException(DeadLetterReason reason, String message) {
        // No stack trace: a rejection is an expected outcome of bad input, reported as a dead letter, not a bug.
        super(message, null, false, false);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
