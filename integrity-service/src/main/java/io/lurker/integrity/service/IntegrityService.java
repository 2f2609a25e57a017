package io.lurker.integrity.service;

import io.lurker.integrity.browser.BrowserCapture;
import io.lurker.integrity.browser.CaptureException;
import io.lurker.integrity.browser.CapturedToken;
import io.lurker.integrity.config.IntegrityConfig;
import io.lurker.integrity.config.OutboundProxy;
import io.lurker.integrity.config.TwitchUrls;
import io.lurker.integrity.repository.TokenStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps a valid integrity token in Redis: checks it every {@code check-interval}, captures a new
 * one {@code refresh-ahead} before expiry (or when told to), one capture at a time (one thread
 * here, a Redis lock across replicas), browser launches at most one per {@code min-launch-interval}.
 * A failed capture (browser crash, timeout, refused probe) is recorded as the reason the token
 * API gives with its 503, and the next check tries again: the service itself stays up.
 */
@ApplicationScoped
public class IntegrityService {

    private static final Logger LOG = Logger.getLogger(IntegrityService.class);

    /** The state a caller sees. */
    public record Status(boolean enabled, boolean tokenPresent, Instant expiresAt, Instant capturedAt, Long ageSeconds,
                         boolean capturing, String lastFailure, Instant lastFailureAt, long captures, long failures) {
    }

    private final IntegrityConfig config;
    private final TwitchUrls twitch;
    private final BrowserCapture browser;
    private final TokenProbe probe;
    private final TokenStore store;
    private final ExecutorService captureThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "integrity-capture");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean capturing = new AtomicBoolean();
    private final Counter captures;
    private final Counter failures;
    private final Timer captureTime;
    private volatile CapturedToken known;
    private volatile String lastFailure;
    private volatile Instant lastFailureAt;
    private volatile Instant lastLaunch = Instant.EPOCH;
    private final Duration checkInterval;

    public IntegrityService(IntegrityConfig config, TwitchUrls twitch, BrowserCapture browser, TokenProbe probe,
                            TokenStore store, MeterRegistry registry) {
        this.config = config;
        this.twitch = twitch;
        this.browser = browser;
        this.probe = probe;
        this.store = store;
        this.checkInterval = DurationConverter.parseDuration(config.checkInterval());
        this.captures = Counter.builder("lurker.integrity.captures").description("Tokens captured and stored")
                .register(registry);
        this.failures = Counter.builder("lurker.integrity.capture.failures").description("Captures that failed")
                .register(registry);
        this.captureTime = Timer.builder("lurker.integrity.capture.duration").description("Browser launch to probed token")
                .register(registry);
        registry.gauge("lurker.integrity.token.age.seconds", this, s -> {
            CapturedToken token = s.known;
            return token == null ? -1 : Duration.between(token.capturedAt(), Instant.now()).toSeconds();
        });
    }

    void started(@Observes StartupEvent event) {
        if (config.enabled()) {
            LOG.infof("Integrity capture enabled: page %s/%s, browser %s, proxy %s", twitch.webUrl(), config.channel(),
                    config.browser().executable(), OutboundProxy.parse(config.proxyUrl()).map(Object::toString).orElse("none"));
        } else {
            LOG.info("Integrity capture disabled (lurker.integrity.enabled=false)");
        }
    }

    void stopping(@Observes ShutdownEvent event) {
        captureThread.submit(browser::shutdown);
        captureThread.shutdown();
        try {
            captureThread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Scheduled(every = "${lurker.integrity.check-interval:30s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (!config.enabled()) {
            return;
        }
        Optional<CapturedToken> current = store.current();
        known = current.orElse(null);
        if (current.isEmpty() || current.get().expiresAt().minus(config.refreshAhead()).isBefore(Instant.now())) {
            requestCapture();
        }
    }

    /** The stored token, or a 503 problem saying why there is none. */
    public CapturedToken currentToken() {
        requireEnabled();
        Optional<CapturedToken> current = store.current();
        if (current.isPresent()) {
            known = current.get();
            return current.get();
        }
        known = null;
        String reason;
        if (lastFailure != null) {
            reason = "No valid integrity token: the last capture failed at " + lastFailureAt + ": " + lastFailure;
        } else if (capturing.get()) {
            reason = "No valid integrity token yet: a capture is in progress";
        } else {
            reason = "No valid integrity token yet: the next check captures one";
        }
        throw new NoTokenException(reason, retryAfterSeconds());
    }

    /**
     * When asking again can give a token: the next check, or the next allowed browser launch if
     * that is later (a capture in progress ends within its timeout, usually within seconds).
     */
    private long retryAfterSeconds() {
        Duration nextLaunch = Duration.between(Instant.now(), lastLaunch.plus(config.minLaunchInterval()));
        Duration wait = nextLaunch.compareTo(checkInterval) > 0 ? nextLaunch : checkInterval;
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** Drops the stored token (it was refused somewhere) and captures a new one. False when a capture is already running. */
    public boolean forceRefresh() {
        requireEnabled();
        store.discard();
        known = null;
        return requestCapture();
    }

    public Status status() {
        CapturedToken token = config.enabled() ? store.current().orElse(null) : null;
        return new Status(config.enabled(), token != null, token == null ? null : token.expiresAt(),
                token == null ? null : token.capturedAt(),
                token == null ? null : Duration.between(token.capturedAt(), Instant.now()).toSeconds(),
                capturing.get(), lastFailure, lastFailureAt, (long) captures.count(), (long) failures.count());
    }

    private void requireEnabled() {
        if (!config.enabled()) {
            throw new NoTokenException("integrity-service is disabled: Twitch's GraphQL and its integrity tokens are "
                    + "undocumented and outside the developer agreement; set lurker.integrity.enabled=true to use them", null);
        }
    }

    private boolean requestCapture() {
        if (!capturing.compareAndSet(false, true)) {
            return false;
        }
        captureThread.submit(this::captureNow);
        return true;
    }

    private void captureNow() {
        String owner = UUID.randomUUID().toString();
        boolean locked = false;
        try {
            locked = store.lock(owner, config.captureTimeout().multipliedBy(3));
            if (!locked) {
                LOG.debug("another replica is capturing");
                return;
            }
            Duration wait = Duration.between(Instant.now(), lastLaunch.plus(config.minLaunchInterval()));
            if (!wait.isNegative()) {
                Thread.sleep(wait.toMillis());
            }
            lastLaunch = Instant.now();
            long started = System.nanoTime();
            CapturedToken captured = browser.capture(twitch.webUrl() + "/" + config.channel(), twitch.gqlUrl());
            if (captured.expiresAt() == null) {
                captured = new CapturedToken(captured.token(), captured.deviceId(), captured.clientId(), captured.userAgent(),
                        captured.capturedAt().plus(config.assumedLifetime()), captured.capturedAt(), captured.gqlUrl(),
                        captured.gqlBody());
            }
            probe.check(captured);
            if (!store.save(captured)) {
                throw new CaptureException("the captured token expires within the expiry margin");
            }
            long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
            captureTime.record(Duration.ofMillis(ms));
            captures.increment();
            known = captured;
            lastFailure = null;
            lastFailureAt = null;
            LOG.infof("Captured an integrity token for client %s in %d ms, valid until %s", captured.clientId(), ms,
                    captured.expiresAt());
        } catch (CaptureException e) {
            fail(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        } catch (RuntimeException e) {
            LOG.errorf(e, "Integrity capture failed unexpectedly");
            fail("unexpected error: " + e.getClass().getSimpleName());
        } finally {
            if (locked) {
                try {
                    store.unlock(owner);
                } catch (RuntimeException e) {
                    LOG.debugf("unlock failed: %s", e.getMessage());
                }
            }
            capturing.set(false);
        }
    }

    private void fail(String reason) {
        failures.increment();
        lastFailure = reason;
        lastFailureAt = Instant.now();
        LOG.warnf("Integrity capture failed: %s", reason);
    }
}
