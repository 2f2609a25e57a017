package io.lurker.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.emulator.testing.EmulatorTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Request ids (token-pool's RequestIds): kept when sane, made otherwise, returned on every answer. */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.FIXTURE, value = "classpath:fixtures/small-world.json")})
class RequestIdTest {

    @Test
    void aCallersRequestIdIsReturned() {
        String id = given().header("X-Request-Id", "gw-4f2a.7").get("/api/v1/credentials")
                .then().statusCode(401).extract().header("X-Request-Id");
        assertThat(id).isEqualTo("gw-4f2a.7");
        assertThat(Api.admin().header("X-Request-Id", "ok-1").get("/api/v1/credentials").then().statusCode(200)
                .extract().header("X-Request-Id")).isEqualTo("ok-1");
    }

    @Test
    void aMissingOrInsaneRequestIdIsReplacedByAFreshOne() {
        String made = given().get("/api/v1/credentials").then().extract().header("X-Request-Id");
        assertThat(made).matches("[0-9a-f]{32}");
        String replaced = given().header("X-Request-Id", "<script>").get("/api/v1/credentials")
                .then().extract().header("X-Request-Id");
        assertThat(replaced).matches("[0-9a-f]{32}").isNotEqualTo(made);
    }
}
