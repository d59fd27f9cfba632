package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.broker.StandaloneBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Run a one-node Kafka broker (KRaft, broker and controller at once) on localhost until "
                + "SIGTERM or Ctrl-C, for run, produce and tail in other terminals to attach to.",
                "Its topics, records and offsets live in the data directory: the first start formats it, later "
                        + "starts on the same directory carry on where the last one stopped."})
final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
            description = "The client port on localhost; 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The broker's log and metadata directory; created and formatted if new.")
    Path data;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignal stop = new StopSignal()) {
            boolean formatted = StandaloneBroker.isFormatted(data);
            try (StandaloneBroker broker = StandaloneBroker.start(data, port)) {
                out.println("cpcstream broker: listening on " + broker.bootstrapServers() + " (data in " + data
                        + (formatted ? ")" : ", formatted now)"));
                out.flush();
                stop.await();
            }
        }
        out.println("cpcstream broker: stopped");
        return 0;
    }
}
