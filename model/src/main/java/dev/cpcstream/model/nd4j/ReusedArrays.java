package dev.cpcstream.model.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbered arrays that a pass fills and the next pass of the same owner overwrites: the encoder's activations and
 * their gradients, the largest arrays of a step. Each slot is a flat buffer outside every workspace that only grows;
 * a pass views its first elements at the shape it needs, so windows of other lengths or batches of other sizes reuse
 * it too. Kept out of the step workspace, which holds every temporary of a step side by side until the step ends,
 * they are one copy each instead of one per temporary.
 *
 * <p>A buffer outgrown is left to the garbage collector, not closed: an older view of it may still be read.
 */
public final class ReusedArrays {

    private final List<INDArray> slots = new ArrayList<>();

    /** Slot {@code slot} viewed as a c-order array of {@code shape}; its contents are whatever was written last. */
    public INDArray get(int slot, DataType type, long... shape) {
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        while (slots.size() <= slot) {
            slots.add(null);
        }
        INDArray flat = slots.get(slot);
        if (flat == null || flat.dataType() != type || flat.length() < length) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                flat = Nd4j.createUninitialized(type, length);
            }
            slots.set(slot, flat);
        }
        INDArray view = flat.length() == length ? flat : flat.get(NDArrayIndex.interval(0, length));
        return view.reshape('c', shape);
    }
}
