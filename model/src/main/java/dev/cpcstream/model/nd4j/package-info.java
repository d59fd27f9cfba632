/**
 * ND4J plumbing of the training step: how the model's math is run fast and without garbage, not what it computes.
 * Matrix products through {@code Nd4j.gemm} ({@link dev.cpcstream.model.nd4j.Gemm}), row-wise ops as single libnd4j
 * ops ({@link dev.cpcstream.model.nd4j.RowWise}, {@link dev.cpcstream.model.nd4j.UnitRows}), the step's workspaces
 * and the buffers kept out of them ({@link dev.cpcstream.model.nd4j.StepWorkspace},
 * {@link dev.cpcstream.model.nd4j.ReusedArrays}), sub-arrays of views ({@link dev.cpcstream.model.nd4j.Views}), and
 * copies between ND4J arrays and Java arrays or bytes
 * ({@link dev.cpcstream.model.nd4j.HostCopies}, {@link dev.cpcstream.model.nd4j.ArrayBytes}).
 *
 * <p>Nothing here names a concept of the CPC, MoCo or PCL papers; {@code dev.cpcstream.model} does. Public only so
 * that package can call it; it is no API for users.
 */
package dev.cpcstream.model.nd4j;
