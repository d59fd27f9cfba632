package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command-line tool the build checks files with (promtool, docker-compose), found on the PATH. */
final class ExternalTool {

    record Result(int exitCode, String output) {
    }

    private final String name;
    private final String installHint;

    ExternalTool(String name, String installHint) {
        this.name = name;
        this.installHint = installHint;
    }

    /** Skips the calling test, saying how to install the tool, when it is not on the PATH. */
    void assumeInstalled() {
        assumeTrue(isOnPath(), name + " is not on the PATH, so this check is skipped; CI installs it (" + installHint
                + ")");
    }

    /** Runs the tool in {@code directory} with {@code arguments}; stdout and stderr together. */
    Result run(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(name);
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish within 2 minutes: " + command);
        }
        return new Result(process.exitValue(), output);
    }

    private boolean isOnPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
                return true;
            }
        }
        return false;
    }
}
