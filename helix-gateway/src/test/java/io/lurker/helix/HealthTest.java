package io.lurker.helix;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.helix.support.HelixEmulator;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Health, metrics and the OpenAPI document. */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.SIZE, value = "small"),
        @ResourceArg(name = EmulatorTestResource.PROPERTIES, value = "lurker.emulator.clips-page-cap=50")})
class HealthTest {

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @Test
    void readinessReportsUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void metricsCountUpstreamCallsLeaseWaitsAndCollectors() {
        HelixEmulator.ensureAppToken(emulator, pool);
        given().auth().oauth2(TestTokens.read()).queryParam("name", "Minecraft").get("/api/v1/helix/games").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("lurker_helix_upstream_requests_total{endpoint=\"games\",status=\"200\"}"))
                .body(containsString("lurker_helix_lease_wait_seconds_count"))
                .body(containsString("lurker_helix_collector_last_success{collector=\"streams\"}"))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/v1/helix/clips"))
                .body(containsString("/api/v1/collectors/{name}/run"))
                .body(containsString("/helix/{path}"));
    }
}
