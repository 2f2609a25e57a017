package io.lurker.integrity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.lurker.emulator.testing.EmulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmulatorTestResource.class)
class HealthTest {

    @Test
    void readinessReportsUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }
}
