package io.lurker.analytics.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.analytics.testing.AnalyticsTestResources;
import io.lurker.analytics.testing.Db;
import io.lurker.tokenpool.security.RevocationConfig;
import io.lurker.tokenpool.testing.LogCapture;
import io.lurker.tokenpool.testing.OpenApiSecurityProbe;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Map;
import java.util.TreeMap;
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

    /** A token revoked the way auth-service revokes (through Redis only) is refused by every operation. */
    @Test
    void aTokenRevokedThroughTheSharedListIsRefusedByEveryOperation() throws Exception {
        OpenApiSecurityProbe.at(root.toURI()).checkRevokedThroughList(revocationConfig, redis, vertx,
                token -> given().auth().oauth2(token).get("/api/v1/watchlist").statusCode());
    }
}
