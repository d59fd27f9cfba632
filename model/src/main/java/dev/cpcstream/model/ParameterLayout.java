package dev.cpcstream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each parameter block lives in one flat vector. The weights, their gradient, Adam's moments and the key
 * encoder's copy are all flat vectors of this layout, so clipping, the optimizer step, the momentum update and a
 * checkpoint are each one operation over contiguous memory rather than a loop over blocks.
 *
 * <p>The encoder's blocks come first: the key encoder is the prefix {@code [0, encoderLength)} of the layout.
 */
public final class ParameterLayout {

    /** A named block: its offset in the flat vector, its shape, and its PyTorch-style init bound 1/sqrt(fanIn). */
    public record Block(String name, long offset, long[] shape, double initBound, double initConstant) {
        public long length() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final Map<String, Block> blocks = new LinkedHashMap<>();
    private long length;
    private long encoderLength = -1;

    /** Adds a block initialised uniformly in [-bound, bound]. */
    public void addUniform(String name, double bound, long... shape) {
        add(new Block(name, length, shape, bound, 0));
    }

    /** Adds a block initialised to a constant (norm gains start at 1, shifts at 0). */
    public void addConstant(String name, double value, long... shape) {
        add(new Block(name, length, shape, 0, value));
    }

    private void add(Block block) {
        if (blocks.containsKey(block.name())) {
            throw new IllegalStateException("duplicate parameter block " + block.name());
        }
        blocks.put(block.name(), block);
        length += block.length();
    }

    /** Marks the end of the encoder's blocks: everything added so far is copied by the momentum encoder. */
    public void endEncoder() {
        encoderLength = length;
    }

    public long length() {
        return length;
    }

    public long encoderLength() {
        if (encoderLength < 0) {
            throw new IllegalStateException("endEncoder() was never called");
        }
        return encoderLength;
    }

    public List<Block> blocks() {
        return new ArrayList<>(blocks.values());
    }

    /** The block {@code name} of {@code flat} as a view with the block's shape; writes go to {@code flat}. */
    public INDArray view(INDArray flat, String name) {
        Block b = blocks.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no parameter block " + name);
        }
        return flat.get(NDArrayIndex.interval(b.offset(), b.offset() + b.length())).reshape('c', b.shape());
    }
}
