package io.lurker.integrity.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.tokenpool.security.RevocationConfig;
import io.lurker.tokenpool.testing.LogCapture;
import io.lurker.tokenpool.testing.OpenApiSecurityProbe;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Every operation of integrity-service's OpenAPI document: missing, malformed, foreign, expired and wrong-role tokens. */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(io.lurker.integrity.OwnApp.class)
@WithTestResource(EmulatorTestResource.class)
class ApiSecurityProbeTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    RevocationConfig revocationConfig;

    @Inject
    InjectableInstance<Redis> redis;

    @Inject
    Vertx vertx;

    @Test
    void everyOperationRefusesMissingExpiredForeignAndWrongRoleTokens() throws Exception {
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI());
        assertThat(probe.operations()).extracting(Object::toString).contains("GET /api/v1/integrity/token", "POST /api/v1/integrity/refresh");
        try (LogCapture logs = LogCapture.start()) {
            probe.checkAuthentication();
            // no token the probe sent (valid, expired, foreign) reaches a log line
            logs.assertNoneOf(probe.sentTokens());
        }
    }

    // integrity-service's operations take no parameter and no body: there is no input to make hostile

    /** A token revoked the way auth-service revokes (through Redis only) is refused by every operation. */
    @Test
    void aTokenRevokedThroughTheSharedListIsRefusedByEveryOperation() throws Exception {
        OpenApiSecurityProbe.at(root.toURI()).checkRevokedThroughList(revocationConfig, redis, vertx,
                token -> given().auth().oauth2(token).get("/api/v1/integrity/status").statusCode());
    }
}
