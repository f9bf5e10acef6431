package io.watchtogether.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChromiumPolicyTest {

    @Test
    void defaults_to_debians_chromium_and_optional_browser_tests() {
        ChromiumPolicy policy = ChromiumPolicy.from(Map.<String, String>of()::get);

        assertThat(policy.executable()).isEqualTo(Path.of("/usr/bin/chromium"));
        assertThat(policy.required()).isFalse();
    }

    @Test
    void missing_browser_skips_the_tests_naming_the_path_and_the_fix() {
        ChromiumPolicy policy = ChromiumPolicy.from(Map.of("WT_CHROMIUM", "/nowhere/chromium")::get);

        ConditionEvaluationResult result = policy.evaluate();

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).get(InstanceOfAssertFactories.STRING).contains("/nowhere/chromium")
                .contains("apt-get install -y chromium").contains("WT_BROWSER_TESTS=required");
    }

    @Test
    void missing_browser_fails_the_tests_when_they_are_required() {
        ChromiumPolicy policy = ChromiumPolicy.from(
                Map.of("WT_CHROMIUM", "/nowhere/chromium", "WT_BROWSER_TESTS", "required")::get);

        assertThatThrownBy(policy::evaluate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nowhere/chromium").hasMessageContaining("WT_BROWSER_TESTS=required");
    }

    @Test
    void an_executable_at_the_configured_path_is_used(@TempDir Path dir) throws IOException {
        Path browser = Files.createFile(dir.resolve("chromium"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        ChromiumPolicy policy = ChromiumPolicy.from(
                Map.of("WT_CHROMIUM", browser.toString(), "WT_BROWSER_TESTS", "required")::get);

        assertThat(policy.evaluate().isDisabled()).isFalse();
        assertThat(policy.executable()).isEqualTo(browser);
    }
}
