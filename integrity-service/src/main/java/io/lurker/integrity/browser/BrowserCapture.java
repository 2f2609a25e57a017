package io.lurker.integrity.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.Proxy;
import io.lurker.integrity.config.IntegrityConfig;
import io.lurker.integrity.config.OutboundProxy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Drives Debian's Chromium with Playwright for Java: opens the channel page, lets its script
 * obtain an integrity token, and captures the headers of the page's GraphQL request. Each
 * capture launches a fresh browser (a fresh temporary profile) and closes it; the Playwright
 * driver (a Node process from the driver bundle) is kept and recreated when it dies.
 *
 * <p>Playwright objects are not thread-safe: only the service's single capture thread calls this.
 */
@ApplicationScoped
public class BrowserCapture {

    private static final Logger LOG = Logger.getLogger(BrowserCapture.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntegrityConfig config;
    private final Optional<OutboundProxy> proxy;
    /** How long past the capture timeout a capture may run before the watchdog ends it. */
    static final Duration WATCHDOG_GRACE = Duration.ofSeconds(15);

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "integrity-capture-watchdog");
        t.setDaemon(true);
        return t;
    });
    private Playwright playwright;
    /** The driver process of {@link #playwright}, when found. */
    private volatile ProcessHandle driver;

    public BrowserCapture(IntegrityConfig config) {
        this.config = config;
        this.proxy = OutboundProxy.parse(config.proxyUrl());
    }

    /**
     * Opens {@code pageUrl} and waits for the page's request to {@code gqlUrl} that carries a
     * {@code Client-Integrity} header.
     */
    public CapturedToken capture(String pageUrl, String gqlUrl) throws CaptureException {
        if (!Files.isExecutable(Paths.get(config.browser().executable()))) {
            throw new CaptureException("no browser at " + config.browser().executable() + " (install Debian's chromium package)");
        }
        // Playwright calls without a timeout of their own (newContext, newPage, close) wait forever on a browser
        // killed at the wrong moment: past the capture timeout and a grace, the watchdog kills the driver and its
        // browser, which makes the waiting call fail
        Duration limit = config.captureTimeout().plus(WATCHDOG_GRACE);
        AtomicBoolean abandoned = new AtomicBoolean();
        ScheduledFuture<?> guard = watchdog.schedule(() -> abandon(abandoned, limit), limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return captureOnce(pageUrl, gqlUrl);
        } catch (CaptureException | RuntimeException e) {
            if (abandoned.get()) {
                throw new CaptureException("the capture hung for " + limit.toSeconds()
                        + " s (browser unresponsive); the browser and the Playwright driver were killed");
            }
            throw e;
        } finally {
            guard.cancel(false);
            if (abandoned.get()) {
                playwright = null; // its driver is dead: the next capture starts a fresh one
                driver = null;
            }
        }
    }

    private CapturedToken captureOnce(String pageUrl, String gqlUrl) throws CaptureException {
        double timeoutMs = config.captureTimeout().toMillis();
        Browser browser = launch(timeoutMs);
        try {
            String userAgent = config.userAgent().orElseGet(() -> cleanUserAgent(browser.version()));
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setUserAgent(userAgent)
                    .setServiceWorkers(com.microsoft.playwright.options.ServiceWorkerPolicy.BLOCK));
            Page page = context.newPage();
            page.setDefaultTimeout(timeoutMs);
            AtomicReference<Response> integrityAnswer = new AtomicReference<>();
            page.onResponse(response -> {
                if (response.url().endsWith("/integrity")) {
                    integrityAnswer.set(response);
                }
            });
            Request request = page.waitForRequest(
                    r -> r.url().startsWith(gqlUrl) && r.headers().containsKey("client-integrity"),
                    new Page.WaitForRequestOptions().setTimeout(timeoutMs),
                    () -> page.navigate(pageUrl, new Page.NavigateOptions().setTimeout(timeoutMs)));
            Map<String, String> headers = request.allHeaders();
            Instant now = Instant.now();
            Instant expiresAt = expiry(integrityAnswer.get(), now);
            CapturedToken captured = new CapturedToken(headers.get("client-integrity"), headers.get("x-device-id"),
                    headers.get("client-id"), headers.getOrDefault("user-agent", userAgent), expiresAt, now, request.url(),
                    request.postData());
            if (captured.deviceId() == null || captured.clientId() == null) {
                throw new CaptureException("the page's GraphQL request carried no X-Device-Id or Client-Id");
            }
            return captured;
        } catch (TimeoutError e) {
            throw new CaptureException("the page made no GraphQL request with an integrity token within "
                    + config.captureTimeout().toSeconds() + " s");
        } catch (PlaywrightException e) {
            // the browser died under us (crash, killed, out of memory): nothing to keep
            throw new CaptureException("browser crashed or closed during the capture: " + firstLine(e));
        } finally {
            try {
                browser.close();
            } catch (PlaywrightException e) {
                LOG.debugf("closing a dead browser: %s", firstLine(e));
            }
        }
    }

    /**
     * Launches a fresh browser. The kept Playwright driver may have died since the last capture (killed
     * together with its browser, crashed): then the launch is tried once more with a fresh driver, so
     * that a dead driver costs no failed capture.
     */
    private Browser launch(double timeoutMs) throws CaptureException {
        boolean kept = playwright != null;
        try {
            return playwright().chromium().launch(launchOptions(timeoutMs));
        } catch (PlaywrightException e) {
            discardPlaywright();
            if (!kept) {
                throw new CaptureException("browser did not start: " + firstLine(e));
            }
            LOG.infof("Browser launch failed on the kept Playwright driver (%s); trying once with a fresh driver", firstLine(e));
        }
        try {
            return playwright().chromium().launch(launchOptions(timeoutMs));
        } catch (PlaywrightException e) {
            discardPlaywright();
            throw new CaptureException("browser did not start: " + firstLine(e));
        }
    }

    private BrowserType.LaunchOptions launchOptions(double timeoutMs) {
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(config.browser().executable()))
                .setHeadless(config.browser().headless())
                .setArgs(config.browser().args())
                .setTimeout(timeoutMs)
                .setHandleSIGINT(false).setHandleSIGTERM(false).setHandleSIGHUP(false);
        proxy.ifPresent(p -> {
            Proxy settings = new Proxy(p.server());
            if (p.username() != null) {
                settings.setUsername(p.username());
                settings.setPassword(p.password());
            }
            options.setProxy(settings);
        });
        return options;
    }

    private static Instant expiry(Response integrityAnswer, Instant now) {
        if (integrityAnswer != null) {
            try {
                JsonNode body = JSON.readTree(integrityAnswer.text());
                if (body.path("expiration").canConvertToLong() && body.path("expiration").asLong() > 0) {
                    return Instant.ofEpochMilli(body.path("expiration").asLong());
                }
            } catch (Exception | Error e) {
                LOG.debugf("integrity answer unreadable: %s", e.getClass().getSimpleName());
            }
        }
        return null;
    }

    /** Chromium's user agent with the headless marker removed: {@code HeadlessChrome/x} gives away automation. */
    static String cleanUserAgent(String version) {
        String major = version == null || version.isBlank() ? "120" : version.split("\\.")[0];
        return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + major
                + ".0.0.0 Safari/537.36";
    }

    private Playwright playwright() {
        if (playwright == null) {
            long started = System.nanoTime();
            Set<Long> before = drivers().map(ProcessHandle::pid).collect(Collectors.toSet());
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            driver = drivers().filter(p -> !before.contains(p.pid())).findFirst().orElse(null);
            LOG.infof("Playwright driver ready in %d ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        return playwright;
    }

    private void discardPlaywright() {
        driver = null;
        if (playwright != null) {
            try {
                playwright.close();
            } catch (RuntimeException e) {
                LOG.debugf("closing Playwright: %s", firstLine(e));
            }
            playwright = null;
        }
    }

    /** The Playwright driver processes (Node, {@code cli.js run-driver}) this JVM started. */
    private static Stream<ProcessHandle> drivers() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().map(c -> c.contains("run-driver")).orElse(false));
    }

    /** On the watchdog thread: kills the driver and everything under it (the browser), so that the capture thread's call fails. */
    private void abandon(AtomicBoolean abandoned, Duration limit) {
        abandoned.set(true);
        // the driver started with the current Playwright; else every driver of this JVM (only the capture thread starts them)
        List<ProcessHandle> hung = driver != null ? List.of(driver) : drivers().toList();
        LOG.warnf("Capture still running after %d s: killing the Playwright driver %s and its browser", limit.toSeconds(),
                hung.stream().map(p -> Long.toString(p.pid())).toList());
        for (ProcessHandle p : hung) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Called on the capture thread when the service stops. */
    public void shutdown() {
        watchdog.shutdownNow();
        discardPlaywright();
    }

    @PreDestroy
    void destroy() {
        // the capture thread closes Playwright (IntegrityService#stop); nothing to do on other threads
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Playwright wraps the driver's error as "Error {\n  message='...'\n  name=...": keep the message
        int inner = message.indexOf("message='");
        if (inner >= 0) {
            message = message.substring(inner + 9);
        }
        int newline = message.indexOf('\n');
        String line = newline > 0 ? message.substring(0, newline) : message;
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
