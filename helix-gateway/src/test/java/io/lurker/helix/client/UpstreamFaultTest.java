package io.lurker.helix.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.helix.support.HelixEmulator;
import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Twitch misbehaving (5xx, 503, revoked tokens, 429 storms, a small bucket) with the emulator's counters as witness. */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.SIZE, value = "small"),
        @ResourceArg(name = EmulatorTestResource.PROPERTIES, value = "lurker.emulator.clips-page-cap=50")})
class UpstreamFaultTest {

    private static final String BUCKET = "app:" + HelixEmulator.CLIENT_ID;

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @BeforeEach
    void setUp() {
        emulator.clearFaults();
        // a token from a test class that ran before may be in the pool, issued by another emulator (a
        // different test resource restarts it): Twitch would refuse it, so start from this emulator's own
        pool.deleteCredential(HelixEmulator.CLIENT_ID).await().atMost(Duration.ofSeconds(10));
        HelixEmulator.addAppToken(emulator, pool);
    }

    /** Every test here may leave the client's bucket blocked or tokens invalid: start the next one afresh. */
    @AfterEach
    void reset() {
        emulator.clearFaults();
        emulator.setRateLimit(BUCKET, 800);
        pool.deleteCredential(HelixEmulator.CLIENT_ID).await().atMost(Duration.ofSeconds(10));
    }

    private static Response games(String name) {
        return given().auth().oauth2(TestTokens.read()).queryParam("name", name).get("/api/v1/helix/games");
    }

    /**
     * A token bucket of {@code limit} points per minute serves at most a full bucket plus a
     * minute's refill in any 60 s: twice the limit. More would mean points spent that Twitch
     * never gave.
     */
    private void assertNoBucketOverItsLimit() {
        for (JsonNode bucket : emulator.counters().path("buckets")) {
            assertThat(bucket.path("max_per_minute").asInt()).as("bucket %s", bucket.path("bucket").asText())
                    .isLessThanOrEqualTo(2 * bucket.path("limit").asInt());
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        emulator.setFault("/helix/games", 0.3, 500, 0, false);
        long before = emulator.requests("/helix/games");
        for (int i = 0; i < 10; i++) {
            games("Minecraft").then().statusCode(200);
        }
        assertThat(emulator.requests("/helix/games") - before).as("some calls were retried").isGreaterThan(10);
        emulator.setFault("/helix/games", 1.0, 502, 0, false);
        games("Minecraft").then().statusCode(502).contentType("application/problem+json");
        assertNoBucketOverItsLimit();
    }

    @Test
    void a503IsRetriedOnce() {
        emulator.setFault("/helix/games", 1.0, 503, 0, false);
        long before = emulator.requests("/helix/games");
        // Twitch unavailable twice: the caller may come back later, it is told when
        games("Minecraft").then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
        assertThat(emulator.requests("/helix/games") - before).isEqualTo(2);
    }

    @Test
    void aRevokedTokenIsMarkedInvalidAndTheCallRetriedWithAnother() {
        String access = emulator.appToken(HelixEmulator.CLIENT_ID, HelixEmulator.CLIENT_SECRET);
        String revokedId = pool.putToken(NewToken.app(HelixEmulator.CLIENT_ID, access, Instant.now().plus(Duration.ofDays(1))))
                .await().atMost(Duration.ofSeconds(10)).id();
        emulator.revokeToken(access);
        for (int i = 0; i < 6; i++) {
            games("Minecraft").then().statusCode(200);
        }
        assertThat(pool.token(revokedId).await().atMost(Duration.ofSeconds(10)).orElseThrow().state()).isEqualTo(TokenState.INVALID);
        long before = emulator.requests("/helix/games");
        for (int i = 0; i < 4; i++) {
            games("Minecraft").then().statusCode(200);
        }
        assertThat(emulator.requests("/helix/games") - before).as("the invalid token is not used again").isEqualTo(4);
    }

    @Test
    void aRateLimitStormBlocksTheBucketInsteadOfHammeringTwitch() {
        emulator.setFault("/helix/games", 0, 500, 0, true);
        long before = emulator.requests("/helix/games");
        for (int i = 0; i < 5; i++) {
            // Twitch's limit, not the caller's: 503 with the seconds until the bucket's reset
            Response answer = games("Minecraft");
            answer.then().statusCode(503).contentType("application/problem+json");
            assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 61L);
        }
        // the first 429 blocks the bucket until its reset (a minute): nothing more is sent meanwhile
        assertThat(emulator.requests("/helix/games") - before).isEqualTo(1);
        assertNoBucketOverItsLimit();
    }

    @Test
    void aBucketKnownToThePoolIsNeverOverrun() throws Exception {
        emulator.setRateLimit(BUCKET, 60);
        pool.configureBucketLimit(BucketKey.app(HelixEmulator.CLIENT_ID), 60).await().atMost(Duration.ofSeconds(10));
        emulator.resetCounters();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                calls.add(threads.submit(() -> games("Minecraft").statusCode()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
        JsonNode bucket = emulator.bucket(BUCKET);
        // the pool spent exactly the points Twitch had: the burst of 60, then one per second, never a 429
        assertThat(bucket.path("rejected").asInt()).as("no 429 from Twitch").isZero();
        assertThat(bucket.path("max_per_minute").asInt()).isGreaterThan(60);
        assertThat(bucket.path("requests").asInt()).isEqualTo(70);
        assertNoBucketOverItsLimit();
    }
}
