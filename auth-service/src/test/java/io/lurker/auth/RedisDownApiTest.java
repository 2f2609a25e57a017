package io.lurker.auth;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lurker.emulator.testing.EmulatorTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Redis going away: 503 problem+json, readiness down; back without restarting the service. */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.FIXTURE, value = "classpath:fixtures/small-world.json")})
@WithTestResource(PrivateRedis.class)
class RedisDownApiTest {

    @Test
    void answers503WhileRedisIsDownAndRecoversWithoutRestart() throws Exception {
        Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "clientSecret", Api.DEV_SECRET))
                .post("/api/v1/credentials").then().statusCode(201);

        PrivateRedis.stopServer();
        try {
            Api.admin().get("/api/v1/credentials").then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:lurker:problem:unavailable"));
            Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "clientSecret", Api.DEV_SECRET))
                    .post("/api/v1/credentials").then().statusCode(503).contentType("application/problem+json");
            Api.admin().get("/api/v1/tokens").then().statusCode(503).contentType("application/problem+json");
            Api.admin().body(Map.of("roles", java.util.List.of("read")))
                    .post("/api/v1/api-tokens").then().statusCode(503).contentType("application/problem+json");
            io.restassured.RestAssured.get("/q/health/ready").then().statusCode(503);
        } finally {
            PrivateRedis.startServer();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                Api.admin().get("/api/v1/credentials").then().statusCode(200).body("clientId", hasItem(Api.DEV_CLIENT)));
        Api.admin().get("/api/v1/tokens").then().statusCode(200).body("clientId", hasItem(Api.DEV_CLIENT));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200));
    }
}
