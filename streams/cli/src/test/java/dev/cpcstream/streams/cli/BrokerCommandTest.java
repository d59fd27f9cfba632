package dev.cpcstream.streams.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker command's refusals; its start, restart and stop are BrokerRestartE2eTest's, across real processes. */
class BrokerCommandTest {

    @Test
    void aTakenPortFailsWithOneLineBeforeTheDirectoryIsFormatted(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        Path data = dir.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var cli = CpcStreamCli.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int status = cli.execute("broker", "--port", Integer.toString(taken.getLocalPort()), "--data",
                    data.toString());
            assertEquals(1, status, err.toString());
        }
        assertTrue(err.toString().startsWith("cpcstream broker: port "), err.toString());
        assertTrue(err.toString().contains("is taken"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertFalse(Files.exists(data.resolve("meta.properties")), "a refused start formatted " + data);
    }
}
