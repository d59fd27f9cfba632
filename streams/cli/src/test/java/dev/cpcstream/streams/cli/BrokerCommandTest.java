package dev.cpcstream.streams.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker command's refusals; its start, restart and stop are BrokerRestartE2eTest's, across real processes. */
class BrokerCommandTest {

    private final StringWriter err = new StringWriter();

    @Test
    void aTakenPortFailsWithOneLineBeforeTheDirectoryIsFormatted(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(1, broker("--port", Integer.toString(taken.getLocalPort()), "--data", data.toString()),
                    err.toString());
        }
        assertOneLine("cpcstream broker: port ", "is taken");
        assertFalse(Files.exists(data.resolve("meta.properties")), "a refused start formatted " + data);
    }

    @Test
    void aDirectoryOfOtherFilesIsNotTakenOver(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("notes.txt"), "not a broker's");
        assertEquals(1, broker("--port", "0", "--data", data.toString()), err.toString());
        assertOneLine("cpcstream broker: " + data, "no broker data");
        assertFalse(Files.exists(data.resolve("meta.properties")), "a refused start formatted " + data);
    }

    private int broker(String... options) {
        var cli = CpcStreamCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("broker"));
        args.addAll(List.of(options));
        return cli.execute(args.toArray(String[]::new));
    }

    private void assertOneLine(String start, String naming) {
        String message = err.toString();
        assertTrue(message.startsWith(start), message);
        assertTrue(message.contains(naming), message);
        assertEquals(1, message.lines().count(), message);
    }
}
