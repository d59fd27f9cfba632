package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * PCL's several granularities (Li et al. 2021, sec. 3.3): one {@link Prototypes} clustering per count in the
 * {@code prototypes} setting (e.g. 16, 32, 64), each seeded and refined from the same queue, ProtoNCE averaged over
 * them. The window's published prototype is its nearest of the first granularity, the one the user listed first.
 *
 * <p>Stored as one clustering whose rows are the granularities' rows one after the other, so a checkpoint of a
 * single granularity is the same bytes as before there were several.
 */
final class PrototypeLevels {

    private final List<Prototypes> levels;

    PrototypeLevels(List<Prototypes> levels) {
        this.levels = List.copyOf(levels);
    }

    /** Seeds one clustering of {@code sizes[g]} prototypes per granularity g from {@code keys [Q, C]}. */
    static PrototypeLevels seed(INDArray keys, int[] sizes, double tau, SplittableRandom rng) {
        List<Prototypes> levels = new ArrayList<>();
        for (int size : sizes) {
            levels.add(Prototypes.seed(keys, size, tau, rng));
        }
        return new PrototypeLevels(levels);
    }

    /** The granularities of {@code sizes} read back from their rows stacked: centroids {@code [sum P, C]}, the rest {@code [sum P]}. */
    static PrototypeLevels split(INDArray centroids, INDArray counts, INDArray concentrations, int[] sizes) {
        List<Prototypes> levels = new ArrayList<>();
        long start = 0;
        for (int size : sizes) {
            var rows = NDArrayIndex.interval(start, start + size);
            levels.add(new Prototypes(centroids.get(rows, NDArrayIndex.all()).dup(), counts.get(rows).dup(),
                    concentrations.get(rows).dup()));
            start += size;
        }
        return new PrototypeLevels(levels);
    }

    /** What a follower embeds with: the trainer's stacked centroids, see {@link Prototypes#following}. */
    static PrototypeLevels following(INDArray centroids, int[] sizes, double tau) {
        long total = centroids.size(0);
        return split(centroids, Nd4j.zeros(centroids.dataType(), total),
                Nd4j.valueArrayOf(new long[]{total}, tau, centroids.dataType()), sizes);
    }

    /** One decayed k-means pass of every granularity over {@code keys [Q, C]}. */
    void update(INDArray keys, double decay, double tau, SplittableRandom rng) {
        for (Prototypes level : levels) {
            level.update(keys, decay, tau, rng);
        }
    }

    /** Each row's nearest prototype of the first granularity. */
    int[] nearest(INDArray features) {
        return levels.get(0).nearest(features);
    }

    List<Prototypes> levels() {
        return levels;
    }

    /** {@code [sum P, C]}: every granularity's centroids, in order. */
    INDArray centroids() {
        return stacked(levels.stream().map(Prototypes::centroids).toList());
    }

    INDArray counts() {
        return stacked(levels.stream().map(Prototypes::counts).toList());
    }

    INDArray concentrations() {
        return stacked(levels.stream().map(Prototypes::concentrations).toList());
    }

    private static INDArray stacked(List<INDArray> parts) {
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }
}
