package dev.cpcstream.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * PyTorch's default initialisation (uniform in +-1/sqrt(fan_in) for conv, GRU and linear layers; norm gains 1,
 * shifts 0), drawn from a seeded Java generator so a seed gives the same weights on every backend.
 */
final class ParameterInit {

    private ParameterInit() {
    }

    static INDArray uniform(ParameterLayout layout, long seed, DataType type) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[Math.toIntExact(layout.length())];
        for (ParameterLayout.Block b : layout.blocks()) {
            for (long i = b.offset(); i < b.offset() + b.length(); i++) {
                values[(int) i] = b.initBound() > 0 ? (2 * rng.nextDouble() - 1) * b.initBound() : b.initConstant();
            }
        }
        return Nd4j.createFromArray(values).castTo(type);
    }
}
