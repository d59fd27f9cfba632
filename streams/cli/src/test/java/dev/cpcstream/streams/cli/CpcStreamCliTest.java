package dev.cpcstream.streams.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpcStreamCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = CpcStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "broker", "run", "produce", "tail", "embed"})
    void everySubcommandExplainsItself(String subcommand) {
        assertEquals(0, run(subcommand, "--help"));
        assertTrue(out.toString().startsWith("Usage: cpcstream " + subcommand), out.toString());
    }

    @Test
    void aTypoInAModelSettingFailsBeforeAnythingStartsAndNamesTheKnownKeys() {
        assertEquals(1, run("demo", "--preset", "tiny", "--set", "negativs=8"));
        assertTrue(err.toString().contains("unknown model setting 'negativs'"), err.toString());
        assertTrue(err.toString().contains("negatives"), err.toString());
    }

    @Test
    void aBadSourceIsAUsageError() {
        assertEquals(2, run("produce", "--bootstrap", "localhost:9", "--source", "mp3:/music"));
        assertTrue(err.toString().contains("wav:DIR"), err.toString());
    }

    @Test
    void withoutASubcommandItPrintsTheCommands() {
        assertEquals(0, run());
        assertTrue(err.toString().contains("bench-model"), err.toString());
    }
}
