package dev.cpcstream.streams.eval;

/**
 * One file's embedding: a line of an embeddings file.
 *
 * @param file   the file's path relative to the source directory, as {@code cpcstream embed} names it
 * @param vector {@code [D]}
 */
public record FileVector(String file, float[] vector) {
}
