package dev.cpcstream.model;

/** How a prediction W_k c_t is scored against a key. */
public enum Similarity {
    /** Cosine similarity divided by the temperature tau (MoCo). */
    COSINE,
    /** Dot product divided by the key dimension C (CPC_audio). */
    DOT
}
