package io.lurker.helix.support;

import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import java.time.Duration;
import java.time.Instant;

/**
 * Every test class carries the same resource, so one emulator process and one Quarkus start
 * serve them all: a small world on a manual clock, clip queries capped at 50 so that window
 * splitting is exercised with a few hundred clips:
 * <pre>
 * &#64;WithTestResource(value = EmulatorTestResource.class, initArgs = {
 *         &#64;ResourceArg(name = EmulatorTestResource.SIZE, value = "small"),
 *         &#64;ResourceArg(name = EmulatorTestResource.PROPERTIES, value = "lurker.emulator.clips-page-cap=50")})
 * </pre>
 */
public final class HelixEmulator {

    public static final String CLIENT_ID = EmulatorTestResource.DEFAULT_CLIENT_ID;
    public static final String CLIENT_SECRET = EmulatorTestResource.DEFAULT_CLIENT_SECRET;

    private HelixEmulator() {
    }

    /** Puts a fresh app token minted by the emulator into the pool (what auth-service would do). */
    public static String addAppToken(EmulatorAdmin emulator, TokenPoolAdmin pool) {
        String token = emulator.appToken(CLIENT_ID, CLIENT_SECRET);
        return pool.putToken(NewToken.app(CLIENT_ID, token, Instant.now().plus(Duration.ofDays(30))))
                .await().atMost(Duration.ofSeconds(10)).id();
    }

    /** Ensures the pool holds at least one healthy app token. */
    public static void ensureAppToken(EmulatorAdmin emulator, TokenPoolAdmin pool) {
        boolean healthy = pool.tokens().await().atMost(Duration.ofSeconds(10)).stream()
                .anyMatch(t -> t.state() == TokenState.HEALTHY);
        if (!healthy) {
            addAppToken(emulator, pool);
        }
    }
}
