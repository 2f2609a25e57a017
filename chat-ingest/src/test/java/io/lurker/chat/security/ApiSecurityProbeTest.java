package io.lurker.chat.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.tokenpool.security.RevocationConfig;
import io.lurker.tokenpool.testing.LogCapture;
import io.lurker.tokenpool.testing.OpenApiSecurityProbe;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Every operation of chat-ingest's OpenAPI document: tokens and roles, then hostile input. */
@QuarkusTest
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
        assertThat(probe.operations()).extracting(Object::toString).contains("POST /api/v1/chat/parse");
        try (LogCapture logs = LogCapture.start()) {
            probe.checkAuthentication();
            // no token the probe sent (valid, expired, foreign) reaches a log line
            logs.assertNoneOf(probe.sentTokens());
        }
    }

    @Test
    void hostileValuesInEveryParameterAndBodyAnswer4xxProblems() throws Exception {
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI());
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
                token -> given().auth().oauth2(token).contentType("text/plain").body("PING :tmi.twitch.tv").post("/api/v1/chat/parse").statusCode());
    }
}
