package dev.cpcstream.model.nd4j;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J workspaces a training step and an inference pass allocate their temporaries in. The first pass learns
 * how much it needs; every later pass reuses that one block, so no step pays for fresh pages (which cost more than
 * the arithmetic on the large encoder layers). A workspace keeps every allocation of a pass until the pass ends, so
 * the largest arrays, the encoder's activations and their gradients, live in {@link ReusedArrays} instead.
 * Everything that outlives a step (weights, Adam moments, the queue, gradients) is allocated outside.
 */
public final class StepWorkspace {

    public static final String TRAIN = "cpc-train-step";
    public static final String EMBED = "cpc-embed";

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.05)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private StepWorkspace() {
    }

    public static MemoryWorkspace activate(String name) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, name);
    }
}
