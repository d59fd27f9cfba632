package dev.cpcstream.streams.eval;

import dev.cpcstream.streams.cli.CpcStreamCli;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the cpcstream command line as {@code main} does, keeping what it printed. */
final class Cli {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = CpcStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
