package io.watchtogether.projector.crash;

import io.watchtogether.projector.RoomProjectorApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The room projector in a JVM of its own, so that it can be killed for real: {@link #kill()} sends SIGKILL,
 * which runs no shutdown hook, stops no listener container and commits no offset.
 */
final class ProjectorProcess {

    /** The exit status of a process ended by SIGKILL (128 + 9). */
    static final int KILLED = 137;

    private final Process process;
    private final Path output;

    private ProjectorProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@link RoomProjectorApplication} with the test's class path and these arguments; its output goes to {@code output}. */
    static ProjectorProcess start(List<String> arguments, Path output) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A small heap and the client compiler: it starts faster on a busy machine, and it only moves bytes.
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", testClassPath(),
                RoomProjectorApplication.class.getName()));
        command.addAll(arguments);
        try {
            Files.createDirectories(output.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            return new ProjectorProcess(process, output);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the projector process", e);
        }
    }

    /** Ends the process abruptly and waits until it is gone; returns its exit status. */
    int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The projector process " + process.pid() + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing the projector", e);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the end of the process's output when it has ended by itself. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("The projector process ended by itself with status " + process.exitValue()
                    + "; the end of its output (" + output + "):\n" + tail());
        }
    }

    /** The last line of its output that logs an error, if any. */
    String lastError() {
        try (Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(" ERROR ")).reduce((first, second) -> second).orElse("none");
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    String tail() {
        try {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 4_000));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * Surefire may run tests from a manifest-only jar; it then publishes the real class path in
     * {@code surefire.test.class.path}.
     */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
