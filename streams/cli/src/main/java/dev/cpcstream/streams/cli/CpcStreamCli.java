package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.eval.BaselineCommand;
import dev.cpcstream.streams.eval.DiagnoseCommand;
import dev.cpcstream.streams.eval.EvaluateCommand;
import dev.cpcstream.streams.eval.LearningCurveCommand;
import dev.cpcstream.streams.eval.NoveltyEvalCommand;
import dev.cpcstream.streams.eval.SensorCorpusCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code cpcstream} command: the entry point of the shaded jar. Machine-readable results (JSON lines) go to
 * stdout; progress, logs and errors go to stderr.
 */
@Command(name = "cpcstream", mixinStandardHelpOptions = true, versionProvider = CpcStreamCli.Version.class,
        description = "Streaming online contrastive (CPC + MoCo queue) learning on Kafka Streams.",
        subcommands = {DemoCommand.class, BrokerCommand.class, RunCommand.class, ProduceCommand.class,
                TailCommand.class, EmbedCommand.class, BenchModelCommand.class, BenchStreamCommand.class,
                EvaluateCommand.class, BaselineCommand.class, DiagnoseCommand.class, LearningCurveCommand.class,
                SensorCorpusCommand.class, NoveltyEvalCommand.class, DashboardSnapshotCommand.class,
                SnapshotCommand.class, HelpCommand.class})
public final class CpcStreamCli implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CpcStreamCli.class);

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its subcommands, as {@link #main} runs it. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CpcStreamCli());
        // bench-model passes everything on, its own --help included.
        cli.getSubcommands().get("bench-model").setStopAtUnmatched(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            LOG.debug("{} failed", commandLine.getCommandName(), e);
            if (FailureMessage.isBug(e)) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + FailureMessage.of(e));
            return 1;
        });
        return cli;
    }

    /** Without a subcommand: the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The version the jar's manifest carries (set by the shade plugin). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CpcStreamCli.class.getPackage().getImplementationVersion();
            return new String[]{"cpcstream " + (version == null ? "(not from a packaged jar)" : version)};
        }
    }
}
