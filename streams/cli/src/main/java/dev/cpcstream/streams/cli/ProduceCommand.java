package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.eval.Json;
import dev.cpcstream.streams.source.FrameProducer;
import dev.cpcstream.streams.source.FrameSource;
import dev.cpcstream.streams.source.SourceFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Send frames from WAV files, CSV files or the synthetic generator to the frames topic of a "
                + "running cluster, keyed by source id.",
                "Prints one JSON line when done: frames sent, per source and in total."})
final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private static final Logger LOG = LoggerFactory.getLogger(ProduceCommand.class);

    @Mixin
    ClientConfig kafka;

    @Option(names = "--first-seq", defaultValue = "0", paramLabel = "SEQ",
            description = "Seq of each source's first frame (default: ${DEFAULT-VALUE}). To continue sources after an "
                    + "earlier run, add the frames it sent to its --first-seq: the learner ignores seqs it has seen.")
    long firstSeq;

    @Mixin
    ModelOptions model;

    @Mixin
    ClusterCheck cluster;

    @Mixin
    SourceOptions sourceOptions;

    @Override
    public Integer call() throws Exception {
        cluster.requireReachable("produce", kafka.admin());
        String topic = kafka.topics().frames();
        SourceFormat format = SourceFormat.of(model.config());
        FrameSource source = sourceOptions.frames(sourceOptions.streams(format), format, firstSeq);
        Instant start = Instant.now();
        LOG.info("sending {} sources of {} to {} at {}", source.sourceIds().size(), sourceOptions.source, topic,
                kafka.bootstrapServers());
        try (FrameProducer producer = new FrameProducer(kafka.producer(), topic, kafka.frameWriter());
             ShutdownSignal signal = new ShutdownSignal(producer::stop, Duration.ofSeconds(30))) {
            Map<String, Long> sent = producer.run(source, sourceOptions.pacing(), sourceOptions.deadline(start));
            spec.commandLine().getOut().println(Json.line(new Sent(
                    sent.values().stream().mapToLong(Long::longValue).sum(), sent,
                    Duration.between(start, Instant.now()).toMillis() / 1000.0)));
        }
        return 0;
    }

    /** The line {@code produce} ends with: frames sent, in total and per source id, and the time it took. */
    record Sent(long frames, Map<String, Long> framesBySource, double wallSeconds) {
    }
}
