/**
 * The cpcstream topology: frames in, one embedding per window out, the learner trained on the way.
 *
 * <h2>Data flow</h2>
 * {@link dev.cpcstream.streams.topology.CpcTopology} builds it, in one place, for the application, the tests and
 * users who add it to a topology of their own. Names of topics, stores and processors are in
 * {@link dev.cpcstream.streams.topology.CpcNames}.
 * <pre>
 *   &lt;prefix&gt;frames -&gt; decode -&gt; assemble -&gt; learn -&gt; publish-embeddings  -&gt; &lt;prefix&gt;embeddings
 *                                          \-&gt; publish-checkpoints -&gt; &lt;prefix&gt;checkpoints (key "model")
 *            decode, assemble -&gt; publish-dead-letters -&gt; &lt;prefix&gt;dlq
 * </pre>
 * <ul>
 *   <li><b>decode</b> reads raw bytes, so an undecodable record becomes a dead letter (with its original key and
 *       value, topic, partition, offset) instead of stopping the application; it also checks the frame's key,
 *       sample rate, channels, encoding, data length and that float samples are finite, and de-interleaves the
 *       samples to the learner's channel-major layout (PCM_S16LE scaled by 1/32768).
 *   <li><b>assemble</b> keeps one {@code SourceAssembly} per sourceId in a persistent store, and each accepted
 *       frame's samples under (sourceId, seq) in a second one until the windows have hopped past it: frames back
 *       in seq order (a duplicate dropped, a frame ahead of a missing one held in a buffer of
 *       {@code reorderBuffer} frames), a gap zero-filled or restarting the window
 *       ({@link dev.cpcstream.streams.topology.GapPolicy}), a frame later than its declared gap dead-lettered as
 *       OUT_OF_ORDER, and windows of {@code window} samples cut every {@code hop} samples, each knowing its first and last seq and its last frame's timestamp.
 *   <li><b>learn</b> parks windows in the task's persistent pending-windows store and drains it, oldest first, into
 *       micro-batches of {@code batchWindows}: when a batch is full, and on a wall-clock tick for the rest. Every
 *       {@code trainEvery}-th batch is trained on (the training step's contexts are the embeddings), the others
 *       only embedded; {@code trainEnabled=false} serves a frozen model.
 * </ul>
 *
 * <h2>Exactly once, and what is outside it</h2>
 * With {@code processing.guarantee=exactly_once_v2} a window's embedding and its deletion from the pending store
 * are in the same transaction, as are the input offsets and the assembler state that produced the window; a crash
 * anywhere replays the uncommitted part and the window still gets exactly one committed embedding. The learner's
 * weights are not Kafka state: windows replayed after a crash are trained on again. Checkpoints bound that: every
 * {@code checkpointEverySteps} steps and every {@code checkpointInterval} with new input, the learner's checkpoint
 * (with the "topic-partition" to next-offset map of the input it has learned from) is forwarded to the compacted
 * checkpoint topic inside the same transaction, and optionally written to a directory (temporary file, then an
 * atomic move; the newest few kept). The application restores the newest one before it starts the streams client.
 *
 * <h2>Threads</h2>
 * ND4J models are not thread-safe. Each learner is owned by a {@link dev.cpcstream.streams.topology.LearnerOwner},
 * whose every method holds its lock: an instance's embedding learner, shared by its frames tasks, and the trainer
 * task's own. Each task keeps its own micro-batches and forwards only through its own context. cpcstream runs
 * {@code num.stream.threads=2} by default; the trainer task's steps run on a thread of their own
 * ({@link dev.cpcstream.streams.topology.TrainingSteps}), beside the frames tasks' decoding, assembly and
 * embedding, so the frames tasks on the trainer task's stream thread are not held up by a step; frames tasks on one
 * thread take turns at the embedding learner.
 */
package dev.cpcstream.streams.topology;
