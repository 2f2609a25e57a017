package io.lurker.analytics.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lurker.analytics.testing.AnalyticsTestResources;
import io.lurker.analytics.testing.Db;
import io.lurker.tokenpool.security.ApiRoles;
import io.lurker.tokenpool.security.RevocationConfig;
import io.lurker.tokenpool.security.RevocationList;
import io.lurker.tokenpool.testing.LogCapture;
import io.lurker.tokenpool.testing.OpenApiSecurityProbe;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every operation of the analytics OpenAPI document: tokens and roles, then hostile input leaving the database unchanged. */
@QuarkusTest
@QuarkusTestResource(AnalyticsTestResources.class)
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
        assertThat(probe.operations()).extracting(Object::toString)
                .contains("GET /api/v1/watchlist", "POST /api/v1/watchlist/channels", "DELETE /api/v1/chat/users/{user_id}");
        try (LogCapture logs = LogCapture.start()) {
            Map<OpenApiSecurityProbe.Operation, java.util.Set<String>> admitted = probe.checkAuthentication();
            // Quarkus lists no roles in the document's security requirements: the probe found them by trying each
            assertThat(admitted).hasSize(probe.operations().size());
            assertThat(roles(admitted, "GET /api/v1/watchlist")).containsExactlyInAnyOrder("read", "internal");
            assertThat(roles(admitted, "POST /api/v1/watchlist/channels")).containsExactly("admin");
            assertThat(roles(admitted, "GET /api/v1/channels/{login}/summary")).containsExactly("read");
            // no token the probe sent (valid, expired, foreign) reaches a log line
            logs.assertNoneOf(probe.sentTokens());
        }
    }

    @Test
    void hostileValuesInEveryParameterAnswer4xxProblemsAndChangeNoRow() throws Exception {
        Map<String, Long> before = rowCounts();
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI());
        try (LogCapture logs = LogCapture.start()) {
            probe.checkHostileInput();
            logs.assertNoneOf(probe.sentTokens());
        }
        assertThat(probe.requests()).isGreaterThan(500);
        assertThat(rowCounts()).isEqualTo(before);
    }

    private static java.util.Set<String> roles(Map<OpenApiSecurityProbe.Operation, java.util.Set<String>> admitted, String operation) {
        return admitted.entrySet().stream().filter(e -> e.getKey().toString().equals(operation)).findFirst().orElseThrow().getValue();
    }

    private static Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> table : Db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_type = 'BASE TABLE'", AnalyticsTestResources.SCHEMA)) {
            String name = (String) table.get("table_name");
            counts.put(name, Db.count("SELECT count(*) FROM \"" + name + "\""));
        }
        assertThat(counts).isNotEmpty();
        return counts;
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
            given().auth().oauth2(token).get("/api/v1/watchlist").then().statusCode(200);

            new RevocationList(revocationConfig, redis, vertx).revoke(jti, expiresAt).await().atMost(Duration.ofSeconds(30));
            await("GET /api/v1/watchlist refusing the revoked token").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> given().auth().oauth2(token).get("/api/v1/watchlist").then().statusCode(401));

            probe.checkRevoked(token);
            logs.assertNoneOf(List.of(token));
        }
    }
}
