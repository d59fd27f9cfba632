package dev.cpcstream.model;

import dev.cpcstream.model.nd4j.UnitRows;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * PCL's prototypes (Li et al. 2021), kept up to date online: P unit vectors c_m in key space, the centroids of a
 * spherical k-means over the momentum encoder's keys, each with its concentration phi_m ({@link Concentrations}).
 *
 * <p>PCL reruns k-means over the whole data set once per epoch. A stream has no epochs, so the prototypes are seeded
 * by k-means++ over the keys the MoCo queue holds and then follow the queue with a decayed mini-batch k-means pass
 * every few steps, the update of Spark MLlib's streaming k-means. With b_m of the queue's keys nearest to c_m, s_m
 * their sum, and n_m the prototype's decayed key count:
 * <pre>
 *   c_m <- normalise(decay n_m c_m + s_m)        n_m <- decay n_m + b_m
 * </pre>
 * A prototype no key is nearest to is dead: it is re-seeded from a random key with count 0, and phi is re-estimated
 * after every pass. Nearest means largest cosine; keys are normalised for the clustering whatever the similarity.
 *
 * <p>Shapes: P prototypes (PCL's k; M already counts CPC's predictions), C key dimension, Q queue keys.
 */
final class Prototypes {

    /**
     * Seedings to choose from. One k-means++ seeding puts two prototypes into one cluster now and then, which no
     * later pass undoes: neither prototype is dead.
     */
    static final int SEEDINGS = 5;

    private final INDArray centroids;        // [P, C] unit rows c_m
    private final INDArray counts;           // [P] decayed key counts n_m
    private final INDArray concentrations;   // [P] phi_m, mean tau

    Prototypes(INDArray centroids, INDArray counts, INDArray concentrations) {
        this.centroids = centroids;
        this.counts = counts;
        this.concentrations = concentrations;
    }

    /**
     * Seeds {@code p} prototypes from {@code keys [Q, C]}: k-means++ then a first pass, which moves each prototype to
     * the mean of its keys, done {@value #SEEDINGS} times (as PCL's faiss k-means redoes its clustering) to keep the
     * seeding whose prototypes lie closest to the keys.
     */
    static Prototypes seed(INDArray keys, int p, double tau, SplittableRandom rng) {
        INDArray v = UnitRows.normalize(keys.dup());                                 // [Q, C]
        Prototypes best = null;
        double bestSpread = Double.POSITIVE_INFINITY;
        for (int seeding = 0; seeding < SEEDINGS; seeding++) {
            INDArray centroids = Nd4j.pullRows(v, 1, kMeansPlusPlus(v, p, rng));     // [P, C]
            Prototypes seeded = new Prototypes(centroids, Nd4j.zeros(v.dataType(), p), Nd4j.zeros(v.dataType(), p));
            seeded.pass(v, 0.0, tau, rng);                                           // counts are 0: no decay to apply
            double spread = seeded.squaredDistanceSum(v);
            if (spread < bestSpread) {
                best = seeded;
                bestSpread = spread;
            }
        }
        return best;
    }

    /**
     * Prototypes a follower embeds with: the trainer's centroids {@code [P, C]}, counts 0 and every phi at the mean
     * {@code tau}, since only {@link #nearest} is used on them.
     */
    static Prototypes following(INDArray centroids, double tau) {
        long p = centroids.size(0);
        return new Prototypes(centroids, Nd4j.zeros(centroids.dataType(), p),
                Nd4j.valueArrayOf(new long[]{p}, tau, centroids.dataType()));
    }

    /** One decayed mini-batch k-means pass over {@code keys [Q, C]}, then phi re-estimated with mean {@code tau}. */
    void update(INDArray keys, double decay, double tau, SplittableRandom rng) {
        pass(UnitRows.normalize(keys.dup()), decay, tau, rng);
    }

    /** Index of the nearest prototype (largest cosine) to each row of {@code features [R, C]}. */
    int[] nearest(INDArray features) {
        INDArray scores = features.mmul(centroids.transpose());                      // [R, C] . [C, P] -> [R, P]
        return Nd4j.argMax(scores, 1).castTo(DataType.INT).toIntVector();            // the row norm cannot change it
    }

    /** {@code [R, P]}: 1 at each row's nearest prototype. */
    INDArray nearestOneHot(INDArray features) {
        return oneHot(nearest(features), count(), features.dataType());
    }

    int count() {
        return (int) centroids.size(0);
    }

    INDArray centroids() {
        return centroids;
    }

    INDArray counts() {
        return counts;
    }

    INDArray concentrations() {
        return concentrations;
    }

    private void pass(INDArray v, double decay, double tau, SplittableRandom rng) {
        int p = count();
        int[] assigned = nearest(v);                                                 // [Q]
        INDArray members = oneHot(assigned, p, v.dataType());                        // [Q, P]
        double[] sizes = members.sum(0).toDoubleVector();                            // b_m
        INDArray sums = members.transpose().mmul(v);                                 // [P, Q] . [Q, C] -> [P, C]
        counts.muli(decay);
        centroids.muliColumnVector(counts.reshape(p, 1)).addi(sums);
        counts.addi(Nd4j.createFromArray(sizes).castTo(counts.dataType()));
        for (int j = 0; j < p; j++) {
            if (sizes[j] == 0) {
                centroids.putRow(j, v.getRow(rng.nextInt((int) v.size(0))));
                counts.putScalar(j, 0.0);
            }
        }
        UnitRows.normalize(centroids);
        double[] phi = Concentrations.estimate(distanceSums(v, assigned), sizes, tau);
        concentrations.assign(Nd4j.createFromArray(phi).castTo(concentrations.dataType()));
    }

    /** The k-means objective: the squared distance of each of the unit rows {@code v} to its nearest prototype, summed. */
    private double squaredDistanceSum(INDArray v) {
        double nearestCosSum = v.mmul(centroids.transpose()).max(1).sumNumber().doubleValue();   // [Q, P] -> [Q]
        return 2.0 * v.size(0) - 2.0 * nearestCosSum;
    }

    /** Per prototype, the summed distance ||v - c_m|| of its keys to it, as moved by this pass. */
    private double[] distanceSums(INDArray v, int[] assigned) {
        double[] cos = v.mul(Nd4j.pullRows(centroids, 1, assigned)).sum(1).toDoubleVector();   // [Q]
        double[] sums = new double[count()];
        for (int i = 0; i < assigned.length; i++) {
            sums[assigned[i]] += Math.sqrt(Math.max(0.0, 2.0 - 2.0 * cos[i]));    // |v - c|^2 = 2 - 2 cos, unit rows
        }
        return sums;
    }

    /**
     * Greedy k-means++ on unit rows, as scikit-learn seeds k-means: the first prototype a uniformly drawn key; for
     * each next one, {@code 2 + ln P} keys drawn with probability proportional to their squared distance to the
     * nearest prototype so far (Arthur and Vassilvitskii 2007), keeping the one that leaves the smallest total. The
     * extra draws make two prototypes in one cluster, which a k-means pass cannot undo, unlikely.
     */
    private static int[] kMeansPlusPlus(INDArray v, int p, SplittableRandom rng) {
        int trials = 2 + (int) Math.log(p);
        int[] chosen = new int[p];
        chosen[0] = rng.nextInt((int) v.size(0));
        double[] nearestSquared = squaredDistances(v, chosen[0], null);
        for (int j = 1; j < p; j++) {
            double[] best = null;
            for (int trial = 0; trial < trials; trial++) {
                int candidate = drawProportionally(nearestSquared, rng);
                double[] withCandidate = squaredDistances(v, candidate, nearestSquared);
                if (best == null || Arrays.stream(withCandidate).sum() < Arrays.stream(best).sum()) {
                    best = withCandidate;
                    chosen[j] = candidate;
                }
            }
            nearestSquared = best;
        }
        return chosen;
    }

    /** Per row of {@code v}, the squared distance to row {@code to}, or to the nearer of it and {@code upTo}. */
    private static double[] squaredDistances(INDArray v, int to, double[] upTo) {
        double[] cos = v.mmul(v.getRow(to).reshape(v.size(1), 1)).toDoubleVector();    // [Q, C] . [C, 1] -> [Q]
        double[] squared = new double[cos.length];
        for (int i = 0; i < cos.length; i++) {
            squared[i] = Math.max(0.0, 2.0 - 2.0 * cos[i]);                            // |a - b|^2, unit rows
            if (upTo != null) {
                squared[i] = Math.min(squared[i], upTo[i]);
            }
        }
        return squared;
    }

    private static int drawProportionally(double[] weights, SplittableRandom rng) {
        double total = Arrays.stream(weights).sum();
        if (!(total > 0)) {
            return rng.nextInt(weights.length);          // every key already sits on a prototype
        }
        double r = rng.nextDouble() * total;
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                last = i;
                r -= weights[i];
                if (r < 0) {
                    return i;
                }
            }
        }
        return last;                                     // rounding left r just above 0
    }

    private static INDArray oneHot(int[] index, int columns, DataType type) {
        double[] flat = new double[index.length * columns];
        for (int i = 0; i < index.length; i++) {
            flat[i * columns + index[i]] = 1.0;
        }
        return Nd4j.create(flat, new long[]{index.length, columns}, type);
    }
}
