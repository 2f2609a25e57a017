package io.lurker.helix.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.helix.support.HelixEmulator;
import io.lurker.tokenpool.security.ApiRoles;
import io.lurker.tokenpool.security.RevocationConfig;
import io.lurker.tokenpool.security.RevocationList;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.LogCapture;
import io.lurker.tokenpool.testing.OpenApiSecurityProbe;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every operation of helix-gateway's OpenAPI document: tokens and roles, then hostile input. */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.SIZE, value = "small"),
        @ResourceArg(name = EmulatorTestResource.PROPERTIES, value = "lurker.emulator.clips-page-cap=50")})
class ApiSecurityProbeTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    RevocationConfig revocationConfig;

    @Inject
    InjectableInstance<Redis> redis;

    @Inject
    Vertx vertx;

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @BeforeEach
    void token() {
        emulator.clearFaults();
        HelixEmulator.ensureAppToken(emulator, pool);
    }

    @Test
    void everyOperationRefusesMissingExpiredForeignAndWrongRoleTokens() throws Exception {
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI());
        assertThat(probe.operations()).extracting(Object::toString)
                .contains("GET /api/v1/helix/users", "POST /api/v1/collectors/{name}/run");
        try (LogCapture logs = LogCapture.start()) {
            probe.checkAuthentication();
            logs.assertNoneOf(probe.sentTokens());
        }
    }

    @Test
    void hostileValuesInEveryParameterAnswer4xxProblems() throws Exception {
        // the Helix-compatible proxy answers in Twitch's own error shape ({"error","status","message"}),
        // which is what Helix clients parse; its refusals are tested in HelixProxyResourceTest
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI()).skipHostile(op -> op.path().startsWith("/helix/"));
        try (LogCapture logs = LogCapture.start()) {
            probe.checkHostileInput();
            logs.assertNoneOf(probe.sentTokens());
        }
        assertThat(probe.requests()).isGreaterThan(100);
    }

    /**
     * A token carrying every role, accepted, then revoked the way auth-service's
     * {@code DELETE /api/v1/api-tokens/{id}} does ({@link RevocationList#revoke}: the Redis set
     * {@code <prefix>jwt:revoked} and a message on {@code <prefix>jwt:revocations}). The revoking
     * list is a separate instance, so this service learns of it only through Redis, as in production.
     */
    @Test
    void aTokenRevokedThroughTheSharedListIsRefusedByEveryOperation() throws Exception {
        // the service's own test prefix, never the shared lurker:auth:
        assertThat(revocationConfig.prefix()).startsWith("lurker-test:");
        String jti = "probe-" + UUID.randomUUID();
        Instant expiresAt = Instant.now().plusSeconds(3600);
        String token = TestTokens.withId(jti, ApiRoles.ADMIN, ApiRoles.READ, ApiRoles.INTERNAL);
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI());
        try (LogCapture logs = LogCapture.start()) {
            given().auth().oauth2(token).get("/api/v1/collectors/watchlist").then().statusCode(200);

            new RevocationList(revocationConfig, redis, vertx).revoke(jti, expiresAt).await().atMost(Duration.ofSeconds(30));
            await("GET /api/v1/collectors/watchlist refusing the revoked token").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> given().auth().oauth2(token).get("/api/v1/collectors/watchlist").then().statusCode(401));

            probe.checkRevoked(token);
            logs.assertNoneOf(List.of(token));
        }
    }
}
