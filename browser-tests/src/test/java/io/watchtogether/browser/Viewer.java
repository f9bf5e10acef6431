package io.watchtogether.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One person using the web client at {@code /} of sync-gateway through its DOM contract, the element ids other front
 * ends and these tests rely on ({@code #username}, {@code #register}, {@code #create-room}, {@code #play}, ...), plus
 * a sampler of this page's {@code <video>} position against the machine's clock.
 */
final class Viewer {

    static final String PASSWORD = "correct horse battery";
    private static final double WAIT_MS = 30_000;

    private final String name;
    private final Page page;
    private final String username;

    Viewer(String name, Page page) {
        this.name = name;
        this.page = page;
        // Unique per run: the system may be shared with other test classes.
        this.username = name + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    Page page() {
        return page;
    }

    String name() {
        return name;
    }

    /** Opens {@code url} (the client, or a share link) and registers a new account through the form. */
    Viewer registerAt(String url) {
        page.navigate(url);
        page.locator("#username").fill(username);
        page.locator("#password").fill(PASSWORD);
        page.locator("#register").click();
        return this;
    }

    /** Creates a room playing {@code mediaId} with {@code provider}, and waits until this page shows it. */
    String createRoom(String roomName, String mediaId, String provider) {
        page.locator("#room-name").fill(roomName);
        page.locator("#media-id").fill(mediaId);
        page.locator("#media-type").selectOption("movie");
        page.waitForFunction("p => [...document.querySelectorAll('#provider option')].some(o => o.value === p)",
                provider, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        page.locator("#provider").selectOption(provider);
        page.locator("#create-room").click();
        awaitRoom();
        return roomId();
    }

    /** Waits until the room view is shown, connected, with the video element present. */
    Viewer awaitRoom() {
        page.locator("#room").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        page.waitForFunction("() => /(^|[^a-z])connected/i.test(document.querySelector('#connection-status')?.textContent ?? '')",
                null, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        page.waitForFunction("() => (document.querySelector('#room-id')?.textContent ?? '').trim().length > 0",
                null, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        return this;
    }

    String roomId() {
        return page.locator("#room-id").textContent().trim();
    }

    /** The join link: an anchor's href, an input's value, or the element's text. */
    String shareLink() {
        page.waitForFunction("() => { const e = document.querySelector('#share-link');"
                + " return !!e && (e.href || e.value || e.textContent || '').includes('room'); }",
                null, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        return ((String) page.evaluate("() => { const e = document.querySelector('#share-link');"
                + " return e.href || e.value || e.textContent; }")).trim();
    }

    void awaitParticipants(int count) {
        page.waitForFunction("n => document.querySelectorAll('#participants li').length === n", count,
                new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
    }

    /** Waits until the {@code <video>} has its media: metadata and the first frame. */
    void awaitVideoLoaded() {
        page.waitForFunction("() => { const v = document.getElementById('video'); return !!v && v.readyState >= 2; }",
                null, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
    }

    /** This page's clock (the machine's, as every page of this browser sees it), epoch ms. */
    double now() {
        return ((Number) page.evaluate("() => performance.timeOrigin + performance.now()")).doubleValue();
    }

    /** Clicks an admin control and returns this page's clock just before the click. */
    double play() {
        return clickAt("#play");
    }

    double pause() {
        return clickAt("#pause");
    }

    double seek(double seconds) {
        page.locator("#seek-to").fill(Double.toString(seconds));
        return clickAt("#seek");
    }

    double setRate(String rate) {
        page.locator("#rate").selectOption(rate);
        return clickAt("#set-rate");
    }

    private double clickAt(String selector) {
        double at = now();
        page.locator(selector).click();
        return at;
    }

    double currentTime() {
        return ((Number) page.evaluate("() => document.getElementById('video').currentTime")).doubleValue();
    }

    /**
     * Waits until this page's video plays at {@code seconds} of media time, or up to 3 s past it (so a wait after a
     * seek backwards does not return before the seek): "play for N seconds" without sleeping.
     */
    void awaitPosition(double seconds) {
        page.waitForFunction("s => { const v = document.getElementById('video');"
                + " return !v.paused && v.currentTime >= s && v.currentTime < s + 3; }",
                seconds, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS).setPollingInterval(50));
    }

    void awaitPaused() {
        page.waitForFunction("() => document.getElementById('video').paused", null,
                new Page.WaitForFunctionOptions().setTimeout(WAIT_MS).setPollingInterval(50));
    }

    void awaitPlaying() {
        page.waitForFunction("() => !document.getElementById('video').paused", null,
                new Page.WaitForFunctionOptions().setTimeout(WAIT_MS).setPollingInterval(50));
    }

    /**
     * Records {@code {t, pos, paused}} every 50 ms from now on: {@code t} is the machine's clock in epoch ms
     * ({@code performance.timeOrigin + performance.now()}, the same for every page of this browser), {@code pos}
     * the video's {@code currentTime} in seconds; for diagnosis also where this page's player expects to be
     * ({@code expected}, s) and its clock offset estimate ({@code offset}, ms), and every server message that
     * carries a playback state ({@link #messages()}).
     */
    void startSampling() {
        page.evaluate("() => { window.__wtSamples = []; const v = document.getElementById('video');"
                + " window.__wtSampler = setInterval(() => {"
                + "  const sample = { t: performance.timeOrigin + performance.now(), pos: v.currentTime, paused: v.paused };"
                + "  const app = window.watchTogetherApp;"
                + "  try { sample.expected = app.player.expectedPosition(); sample.offset = app.clock.offset; } catch (e) { }"
                + "  window.__wtSamples.push(sample); }, 50);"
                + " window.__wtMessages = [];"
                + " window.watchTogetherApp.client.on('message', m => { if (m.state || m.type === 'error') {"
                + "  window.__wtMessages.push({ t: performance.timeOrigin + performance.now(), type: m.type,"
                + "   version: m.version, action: m.action, code: m.code, state: m.state }); } }); }");
    }

    /** The server messages with a playback state (or an error) this page received since sampling started. */
    Object messages() {
        return page.evaluate("() => window.__wtMessages");
    }

    /** Waits until the sampler has covered this page's clock up to {@code epochMs}. */
    void awaitSampledUntil(double epochMs) {
        page.waitForFunction("t => { const s = window.__wtSamples; return s.length > 0 && s[s.length - 1].t >= t; }",
                epochMs, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS).setPollingInterval(50));
    }

    @SuppressWarnings("unchecked")
    PositionTrace samples() {
        List<Map<String, Object>> raw = (List<Map<String, Object>>) page.evaluate("() => window.__wtSamples");
        List<PositionTrace.Sample> samples = new ArrayList<>(raw.size());
        for (Map<String, Object> sample : raw) {
            samples.add(new PositionTrace.Sample(((Number) sample.get("t")).doubleValue(),
                    ((Number) sample.get("pos")).doubleValue(), Boolean.TRUE.equals(sample.get("paused")),
                    sample.get("expected") instanceof Number expected ? expected.doubleValue() : null,
                    sample.get("offset") instanceof Number offset ? offset.doubleValue() : null));
        }
        return new PositionTrace(name, samples);
    }

    /** The page's {@code SyncPlayer} statistics: {@code {driftMs, rate, hardSeeks, softCorrections, buffering}}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> playerStats() {
        return (Map<String, Object>) page.evaluate("() => window.watchTogetherApp.player.stats()");
    }

    Path screenshot(String fileName) {
        try {
            Files.createDirectories(SyncFigures.screenshots());
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path file = SyncFigures.screenshots().resolve(fileName);
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        System.out.println("screenshot " + file.toAbsolutePath());
        return file;
    }
}
