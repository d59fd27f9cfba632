package dev.cpcstream.streams.cli;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failure whose message is only a path is spelled out; a failure without any message is reported as a bug. */
class FailureMessageTest {

    @Test
    void aFileExceptionSaysWhatIsWrongWithThePath() {
        assertEquals("/missing: no such file or directory; check the path",
                FailureMessage.of(new NoSuchFileException("/missing")));
        assertEquals("/etc/shadow: permission denied; check the file's permissions or choose another path",
                FailureMessage.of(new UncheckedIOException(new AccessDeniedException("/etc/shadow"))));
    }

    @Test
    void aMessageKeepsItsRootCauseWhenTheCauseSaysMore() {
        assertEquals("cannot load the config (cause: /c.properties: no such file or directory; check the path)",
                FailureMessage.of(new IllegalStateException("cannot load the config",
                        new NoSuchFileException("/c.properties"))));
    }

    @Test
    void noMessageAtAllIsABug() {
        NullPointerException npe = new NullPointerException();
        assertTrue(FailureMessage.isBug(npe));
        assertTrue(FailureMessage.of(npe).startsWith("unexpected java.lang.NullPointerException (a bug"));
        assertFalse(FailureMessage.isBug(new IllegalArgumentException("negatives = -5")));
    }
}
