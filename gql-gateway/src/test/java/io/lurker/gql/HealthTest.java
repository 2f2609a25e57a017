package io.lurker.gql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@io.quarkus.test.common.WithTestResource(io.lurker.gql.support.IntegrityServiceTestResource.class)
class HealthTest {

    @Test
    void readinessReportsUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }
}
