package io.lurker.analytics.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.analytics.testing.AnalyticsTestResources;
import io.lurker.analytics.testing.Db;
import io.lurker.tokenpool.testing.LogCapture;
import io.lurker.tokenpool.testing.OpenApiSecurityProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
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

    @Test
    void everyOperationRefusesMissingExpiredForeignAndWrongRoleTokens() throws Exception {
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI());
        assertThat(probe.operations()).extracting(Object::toString)
                .contains("GET /api/v1/watchlist", "POST /api/v1/watchlist/channels", "DELETE /api/v1/chat/users/{user_id}");
        assertThat(probe.operations()).filteredOn(op -> op.toString().equals("GET /api/v1/watchlist"))
                .singleElement().extracting(OpenApiSecurityProbe.Operation::declaredRoles)
                .isEqualTo(java.util.Set.of("read", "internal"));
        try (LogCapture logs = LogCapture.start()) {
            probe.checkAuthentication();
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
}
