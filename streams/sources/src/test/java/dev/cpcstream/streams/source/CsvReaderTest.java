package dev.cpcstream.streams.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void skipsAHeaderAndBlankLinesAndReadsOneColumnPerChannel() throws IOException {
        Path file = dir.resolve("imu.csv");
        Files.writeString(file, "ax,ay,az\n0.1,0.2,0.3\n\n-1;2;3.5\n4\t5\t6\n");

        Recording recording = CsvReader.read(file, "imu.csv", 50);

        assertEquals(3, recording.channels());
        assertEquals(50, recording.sampleRate());
        assertArrayEquals(new float[]{0.1f, 0.2f, 0.3f, -1f, 2f, 3.5f, 4f, 5f, 6f}, recording.samples());
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsIsReportedWithItsLine() throws IOException {
        Path file = dir.resolve("ragged.csv");
        Files.writeString(file, "1,2\n3,4\n5\n");

        IOException e = assertThrows(IOException.class, () -> CsvReader.read(file, "ragged.csv", 50));

        assertTrue(e.getMessage().contains(":3:"), e.getMessage());
    }

    @Test
    void aNonNumberInTheDataIsReported() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "1,2\n3,x\n");

        IOException e = assertThrows(IOException.class, () -> CsvReader.read(file, "bad.csv", 50));

        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }
}
