/**
 * Online CPC, named as the papers name it: CPC (van den Oord et al. 2018) with MoCo's key encoder and queue (He et al.
 * 2020) and, optionally, PCL's prototypes (Li et al. 2021).
 * <ul>
 *   <li>the network: {@link dev.cpcstream.model.Encoder} (g_enc), {@link dev.cpcstream.model.ContextModel} (g_ar),
 *   {@link dev.cpcstream.model.PredictionHeads} (W_k), assembled with its backward pass in
 *   {@link dev.cpcstream.model.CpcNetwork};</li>
 *   <li>the losses: {@link dev.cpcstream.model.InfoNce} (with {@link dev.cpcstream.model.InBatchNegatives} when
 *   enabled), {@link dev.cpcstream.model.ProtoNce};</li>
 *   <li>MoCo and PCL: {@link dev.cpcstream.model.MomentumEncoder}, {@link dev.cpcstream.model.NegativeQueue},
 *   {@link dev.cpcstream.model.Prototypes};</li>
 *   <li>training and its results: {@link dev.cpcstream.model.OnlineLearner}, {@link dev.cpcstream.model.TrainResult},
 *   {@link dev.cpcstream.model.Checkpoints}, configured by {@link dev.cpcstream.model.CpcConfig} and
 *   {@link dev.cpcstream.model.Presets}, fed {@link dev.cpcstream.model.Window}s;</li>
 *   <li>the statistics of a representation: {@link dev.cpcstream.model.AlignmentUniformity} (Wang and Isola 2020),
 *   {@link dev.cpcstream.model.EffectiveRank} (Roy and Vetterli 2007).</li>
 * </ul>
 *
 * <p>The encoder's layers ({@code Conv1d}, {@code ChannelNorm}, {@code FoldedInputLayer}) stay here although they are
 * written for speed: they are the conv-norm-ReLU blocks g_enc is drawn as, each with its own hand-derived backward
 * pass, so they are the model's math, not ND4J's. {@link dev.cpcstream.model.nd4j} holds what only serves to run that
 * math on ND4J: products, row-wise ops, workspaces, reused buffers and copies.
 */
package dev.cpcstream.model;
