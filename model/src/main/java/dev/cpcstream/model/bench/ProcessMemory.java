package dev.cpcstream.model.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident and peak resident memory of this process (Linux /proc), which counts ND4J's off-heap buffers too. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static long rssMb() {
        return statusKb("VmRSS:") / 1024;
    }

    static long peakRssMb() {
        return statusKb("VmHWM:") / 1024;
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
