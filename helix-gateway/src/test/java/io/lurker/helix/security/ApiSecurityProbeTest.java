package io.lurker.helix.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.helix.support.HelixEmulator;
import io.lurker.tokenpool.security.RevocationConfig;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.LogCapture;
import io.lurker.tokenpool.testing.OpenApiSecurityProbe;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.net.URL;
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

    /** A token revoked the way auth-service revokes (through Redis only) is refused by every operation. */
    @Test
    void aTokenRevokedThroughTheSharedListIsRefusedByEveryOperation() throws Exception {
        OpenApiSecurityProbe.at(root.toURI()).checkRevokedThroughList(revocationConfig, redis, vertx,
                token -> given().auth().oauth2(token).get("/api/v1/collectors/watchlist").statusCode());
    }
}
