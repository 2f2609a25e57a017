package io.lurker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.tokenpool.model.TokenKind;
import io.lurker.tokenpool.model.TokenSecrets;
import io.lurker.tokenpool.model.TokenView;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service left alone: the credential from TWITCH_CLIENT_ID/TWITCH_CLIENT_SECRET is
 * registered at start-up, readiness reports it served, and a token Twitch stops accepting is
 * found by the scheduled validation and replaced, with the state changes on /q/metrics.
 */
@QuarkusTest
@TestProfile(LifecycleScheduleTest.Scheduled.class)
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.FIXTURE, value = "classpath:fixtures/small-world.json")})
class LifecycleScheduleTest {

    public static class Scheduled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lurker.auth.lifecycle.enabled", "true",
                    "lurker.auth.lifecycle.interval", "1s",
                    // every pass validates, so a revoked token is found within a second or two
                    "lurker.auth.lifecycle.validate-interval", "1s",
                    "lurker.auth.startup.client-id", Api.DEV_CLIENT,
                    "lurker.auth.startup.client-secret", Api.DEV_SECRET);
        }
    }

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @Inject
    io.lurker.tokenpool.service.TokenPool leases;

    @Test
    void startupCredentialIsServedAndARevokedTokenIsReplacedUnattended() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                Api.admin().get("/api/v1/credentials").then().statusCode(200).body("clientId", hasItem(Api.DEV_CLIENT)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                RestAssured.get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'token-pool' }.data.credentials", equalTo(1)));

        TokenView app = pool.tokens().await().indefinitely().stream().filter(t -> t.kind() == TokenKind.APP).findFirst().orElseThrow();
        TokenSecrets before = pool.tokenSecrets(app.id()).await().indefinitely().orElseThrow();
        emulator.revokeToken(before.accessToken());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            TokenView now = pool.token(app.id()).await().indefinitely().orElseThrow();
            assertThat(now.generation()).isGreaterThan(app.generation());
            assertThat(now.state().name()).isEqualTo("HEALTHY");
        });
        TokenSecrets after = pool.tokenSecrets(app.id()).await().indefinitely().orElseThrow();
        assertThat(after.accessToken()).isNotEqualTo(before.accessToken());

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("lurker_auth_token_events_total{event=\"invalidated\"}");
        assertThat(metrics).contains("lurker_auth_token_events_total{event=\"app-token-replaced\"}");
        assertThat(metrics).containsPattern("lurker_auth_tokens\\{kind=\"app\",state=\"healthy\"\\} [1-9]");
        assertThat(metrics).containsPattern("lurker_token_pool_bucket_points_left\\{bucket=\"app:lurker-dev-client\"\\} [0-9]");

        // a gateway's lease that has to wait for a point shows on this service's metrics
        pool.configureBucketLimit(io.lurker.tokenpool.model.BucketKey.app(Api.DEV_CLIENT), 60).await().indefinitely();
        leases.observe(io.lurker.tokenpool.model.BucketKey.app(Api.DEV_CLIENT),
                io.lurker.tokenpool.model.RateLimitHeaders.parse(null, "0", null)).await().indefinitely();
        leases.lease(io.lurker.tokenpool.model.TokenRequirements.app(), Duration.ofSeconds(10)).await().indefinitely();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RestAssured.get("/q/metrics").then().extract().asString())
                .containsPattern("lurker_token_pool_lease_waits\\{kind=\"app\"\\} [1-9]")
                .containsPattern("lurker_token_pool_lease_wait_seconds\\{kind=\"app\"\\} 0\\.[0-9]*[1-9]|lurker_token_pool_lease_wait_seconds\\{kind=\"app\"\\} [1-9]"));
    }
}
