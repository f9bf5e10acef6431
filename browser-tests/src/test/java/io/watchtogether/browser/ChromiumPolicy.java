package io.watchtogether.browser;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where Debian's Chromium is and what to do without it.
 * <p>
 * {@code WT_CHROMIUM} (system property or environment variable) names the executable, default
 * {@code /usr/bin/chromium}. When it is missing the browser tests are skipped, naming the cause, so a developer
 * without Chromium still gets a green build; with {@code WT_BROWSER_TESTS=required} (CI) they fail instead, so a
 * missing install step can never pass for a green run.
 */
record ChromiumPolicy(Path executable, boolean required) {

    static final String CHROMIUM = "WT_CHROMIUM";
    static final String BROWSER_TESTS = "WT_BROWSER_TESTS";
    static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");

    static ChromiumPolicy fromEnvironment() {
        return from(name -> System.getProperty(name, System.getenv(name)));
    }

    static ChromiumPolicy from(Function<String, String> variables) {
        String executable = variables.apply(CHROMIUM);
        String mode = variables.apply(BROWSER_TESTS);
        return new ChromiumPolicy(
                executable == null || executable.isBlank() ? DEFAULT_EXECUTABLE : Path.of(executable.trim()),
                mode != null && mode.trim().equalsIgnoreCase("required"));
    }

    /**
     * Enabled when the executable is there; disabled (the tests are reported skipped, with the reason) when it is
     * missing; and when it is missing but required, throws, which fails the test class.
     */
    ConditionEvaluationResult evaluate() {
        if (Files.isExecutable(executable)) {
            return ConditionEvaluationResult.enabled("Chromium at " + executable);
        }
        String problem = "No Chromium at " + executable + " (install Debian's package: apt-get install -y chromium,"
                + " or point " + CHROMIUM + " at the executable)";
        if (required) {
            throw new IllegalStateException(problem + "; browser tests are required here (" + BROWSER_TESTS + "=required)");
        }
        return ConditionEvaluationResult.disabled(problem + "; browser tests skipped. Set " + BROWSER_TESTS
                + "=required to make this a failure.");
    }
}
