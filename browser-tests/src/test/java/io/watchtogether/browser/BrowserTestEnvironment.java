package io.watchtogether.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.watchtogether.launcher.LaunchSettings;
import io.watchtogether.launcher.LocalLauncher;
import io.watchtogether.launcher.LocalSystem;
import io.watchtogether.launcher.Service;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One headless Chromium and one started local system (Kafka, Redis, MongoDB and the three services on free ports,
 * see {@link LocalLauncher}) for the whole test run: test classes share them through JUnit's root store, which
 * closes them once, after the last class. Starting either per class would cost more than most tests take.
 * <p>
 * The browser is checked before anything starts: without Chromium the classes are skipped (or fail, see
 * {@link ChromiumPolicy}) without starting a system for nothing.
 */
final class BrowserTestEnvironment implements ExecutionCondition, BeforeAllCallback {

    /** Headless, and nothing that reaches for the network: this machine's network is closed beyond loopback. */
    static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--autoplay-policy=no-user-gesture-required");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserTestEnvironment.class);

    private Shared shared;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        ConditionEvaluationResult result = ChromiumPolicy.fromEnvironment().evaluate();
        if (result.isDisabled() && context.getTestMethod().isEmpty()) {
            System.out.println("Browser tests: " + context.getDisplayName() + " skipped: " + result.getReason().orElse(""));
        }
        return result;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Path executable = ChromiumPolicy.fromEnvironment().executable();
        shared = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Shared.class, type -> Shared.start(executable), Shared.class);
    }

    Browser browser() {
        return shared.browser;
    }

    /** The web client's address, {@code http://localhost:<sync-gateway port>}. */
    String gatewayUrl() {
        return shared.system.url(Service.SYNC_GATEWAY);
    }

    /** A fresh context (its own cookies and storage: one user) with one page, its console echoed to stdout. */
    Page newPage(String name) {
        BrowserContext context = browser().newContext(new Browser.NewContextOptions().setViewportSize(960, 720));
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            if (!message.type().equals("debug")) {
                System.out.println("[" + name + " console." + message.type() + "] " + message.text());
            }
        });
        page.onPageError(error -> System.out.println("[" + name + " page error] " + error));
        page.setDefaultTimeout(30_000);
        return page;
    }

    /** The pages find this run's command-api (on a free port) through the gateway's {@code /client-config.json}. */
    private record Shared(Playwright playwright, Browser browser, LocalSystem system) implements AutoCloseable {

        static Shared start(Path executable) {
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            try {
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable)
                        .setHeadless(true)
                        .setArgs(CHROMIUM_ARGS));
                System.out.println("Browser tests: " + executable + " " + browser.version());
                LocalSystem system = LocalLauncher.start(LaunchSettings.randomPorts());
                return new Shared(playwright, browser, system);
            }
            catch (RuntimeException e) {
                playwright.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                playwright.close();
            }
            finally {
                system.close();
            }
        }
    }
}
