package io.lurker.gql.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.tokenpool.testing.LogCapture;
import io.lurker.tokenpool.testing.OpenApiSecurityProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.lurker.gql.support.IntegrityServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Every operation of gql-gateway's OpenAPI document: tokens and roles, then hostile input. */
@QuarkusTest
@WithTestResource(IntegrityServiceTestResource.class)
class ApiSecurityProbeTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyOperationRefusesMissingExpiredForeignAndWrongRoleTokens() throws Exception {
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI());
        assertThat(probe.operations()).extracting(Object::toString).contains("POST /api/v1/gql/query", "GET /api/v1/gql/hashes");
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
}
