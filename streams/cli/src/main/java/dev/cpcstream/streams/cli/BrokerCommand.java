package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.broker.BrokerOverrides;
import dev.cpcstream.streams.broker.StandaloneBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--config", paramLabel = "FILE",
            description = "Kafka broker settings over the defaults, e.g. a secured listener (TLS, SASL) and an "
                    + "authorizer. The listeners are CLIENT (--port; clients and inter-broker) and CONTROLLER: "
                    + "secure them with listener.security.protocol.map=CLIENT:SASL_SSL,CONTROLLER:PLAINTEXT and "
                    + "listener.name.client.* settings.")
    Path config;

    @Option(names = "--add-scram", paramLabel = "CREDENTIAL",
            description = "A SCRAM user the first start (the one that formats --data) creates, as kafka-storage.sh "
                    + "format --add-scram takes it: 'SCRAM-SHA-512=[name=admin,password=admin-secret]'. Repeatable; "
                    + "the inter-broker user of a SASL listener needs it. Later users: Admin "
                    + "alterUserScramCredentials (kafka-configs.sh --alter --add-config).")
    List<String> scramUsers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignal stop = new StopSignal()) {
            boolean formatted = StandaloneBroker.isFormatted(data);
            if (formatted && !scramUsers.isEmpty()) {
                out.println("cpcstream broker: --add-scram skipped: " + data + " was formatted by an earlier start,"
                        + " whose users it keeps");
            }
            try (StandaloneBroker broker = StandaloneBroker.start(data, port, overrides())) {
                out.println("cpcstream broker: listening on " + broker.bootstrapServers() + " (data in " + data
                        + (formatted ? ")" : ", formatted now)"));
                out.flush();
                stop.await();
            }
        }
        out.println("cpcstream broker: stopped");
        return 0;
    }

    private BrokerOverrides overrides() throws IOException {
        Map<String, String> settings = config == null ? Map.of() : PropertiesFile.readMap(config);
        return new BrokerOverrides(settings, scramUsers);
    }
}
