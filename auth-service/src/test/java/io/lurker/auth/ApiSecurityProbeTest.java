package io.lurker.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.tokenpool.testing.LogCapture;
import io.lurker.tokenpool.testing.OpenApiSecurityProbe;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every operation of auth-service's OpenAPI document (not a hand list): missing, expired, foreign
 * and wrong-role tokens, a token revoked through the API, then hostile input.
 */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.FIXTURE, value = "classpath:fixtures/small-world.json")})
class ApiSecurityProbeTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyOperationRefusesMissingExpiredForeignAndWrongRoleTokens() throws Exception {
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI());
        assertThat(probe.operations()).extracting(Object::toString)
                .contains("GET /api/v1/credentials", "POST /api/v1/api-tokens", "DELETE /api/v1/api-tokens/{id}");
        try (LogCapture logs = LogCapture.start()) {
            probe.checkAuthentication();
            logs.assertNoneOf(probe.sentTokens());
        }
    }

    @Test
    void aRevokedTokenIsRefusedByEveryOperation() throws Exception {
        JsonPath issued = Api.admin().body(Map.of("subject", "probe", "roles", List.of("admin", "read", "internal"),
                "ttl", "1h")).post("/api/v1/api-tokens").then().statusCode(201).extract().jsonPath();
        String token = issued.getString("token");
        Api.as(token).get("/api/v1/credentials").then().statusCode(200);
        Api.admin().delete("/api/v1/api-tokens/" + issued.getString("id")).then().statusCode(204);

        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI());
        try (LogCapture logs = LogCapture.start()) {
            probe.checkRevoked(token);
            logs.assertNoneOf(List.of(token));
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
