package dev.cpcstream.model.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident and peak resident memory of this process (Linux /proc), which counts ND4J's off-heap buffers too, and the
 * native library JavaCPP loaded.
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    public static long rssMb() {
        return rssKb() / 1024;
    }

    public static long rssKb() {
        return statusKb("VmRSS:");
    }

    static long peakRssMb() {
        return statusKb("VmHWM:") / 1024;
    }

    /** The classifier directory of the libnd4jcpu.so mapped into this process, e.g. {@code linux-x86_64-onednn}. */
    static String nativeClassifier() {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.endsWith("/libnd4jcpu.so"))
                    .map(p -> Path.of(p).getParent().getFileName().toString())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
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
