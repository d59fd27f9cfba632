package dev.cpcstream.streams.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScratchDirectoryTest {

    private static final String PREFIX = "scratch-";

    @TempDir
    Path parent;

    @Test
    void aDirectoryWhoseOwnerHasExitedIsDeletedWithEverythingInIt() throws Exception {
        Path orphan = Files.createDirectory(parent.resolve(PREFIX + "orphan"));
        Files.writeString(Files.createDirectories(orphan.resolve("logs/frames-0")).resolve("00000.log"), "records");
        Process owner = new ProcessBuilder("sleep", "60").start();
        ScratchDirectory.claim(orphan, owner.toHandle());
        owner.destroyForcibly();
        assertTrue(owner.waitFor(10, TimeUnit.SECONDS));

        assertEquals(List.of(orphan), ScratchDirectory.sweep(parent, PREFIX));
        assertTrue(Files.notExists(orphan));
    }

    @Test
    void aDirectoryOfARunningOwnerIsKept() throws Exception {
        Path mine = ScratchDirectory.create(parent, PREFIX);
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path theirs = Files.createDirectory(parent.resolve(PREFIX + "theirs"));
            ScratchDirectory.claim(theirs, other.toHandle());

            assertEquals(List.of(), ScratchDirectory.sweep(parent, PREFIX));
            assertTrue(Files.isDirectory(mine));
            assertTrue(Files.isDirectory(theirs));
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aProcessIdNowHeldByALaterProcessDoesNotKeepTheDirectory() throws Exception {
        Path orphan = Files.createDirectory(parent.resolve(PREFIX + "reused"));
        Instant longBefore = ProcessHandle.current().info().startInstant().orElseThrow().minusSeconds(3600);
        Files.writeString(orphan.resolve(ScratchDirectory.OWNER_FILE), ProcessHandle.current().pid() + " " + longBefore);

        assertEquals(List.of(orphan), ScratchDirectory.sweep(parent, PREFIX));
    }

    @Test
    void unclaimedUnreadableAndOtherlyNamedDirectoriesAreLeftAlone() throws Exception {
        Path unclaimed = Files.createDirectory(parent.resolve(PREFIX + "unclaimed"));
        Path garbled = Files.createDirectory(parent.resolve(PREFIX + "garbled"));
        Files.writeString(garbled.resolve(ScratchDirectory.OWNER_FILE), "not a process");
        Path otherName = Files.createDirectory(parent.resolve("other-orphan"));
        Files.writeString(otherName.resolve(ScratchDirectory.OWNER_FILE), Long.MAX_VALUE + " unknown");

        assertEquals(List.of(), ScratchDirectory.sweep(parent, PREFIX));
        assertTrue(Files.isDirectory(unclaimed));
        assertTrue(Files.isDirectory(garbled));
        assertTrue(Files.isDirectory(otherName));
    }
}
