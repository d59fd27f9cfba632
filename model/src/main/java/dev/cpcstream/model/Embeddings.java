package dev.cpcstream.model;

/**
 * What an inference pass makes of a batch of windows.
 *
 * @param contexts   {@code [B][H]}: the context vector c_t at each window's last step, in input order
 * @param prototypes per window, the index of the prototype nearest (by cosine) to z of its last frame, the frame
 *                   c_t read last; null when the model keeps no prototypes (PCL off, or its queue not yet filled).
 *                   z rather than c_t because the prototypes are clustered from keys, which live in z's space (C),
 *                   not c_t's (H); and the query encoder's z rather than a key because the same forward pass already
 *                   computed it, where a key would cost a second encoder pass (the two differ by the momentum lag)
 * @param ownFrameLosses per window, its InfoNCE against its own frames ({@link OwnFrameInfoNce}), the contrastive
 *                       term of a novelty score; null when not asked for
 */
public record Embeddings(float[][] contexts, int[] prototypes, double[] ownFrameLosses) {

    public Embeddings(float[][] contexts, int[] prototypes) {
        this(contexts, prototypes, null);
    }
}
