package io.lurker.emulator.ratelimit;

import static io.lurker.emulator.support.Twitch.CLIENT_ID;
import static io.lurker.emulator.support.Twitch.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lurker.emulator.support.Twitch;
import io.lurker.emulator.world.World;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Buckets over HTTP (headers, 429, sharing), injected faults and the counters drills read. */
@QuarkusTest
class RateLimitAndFaultsTest {

    @Inject
    World world;

    @BeforeEach
    void setUp() {
        Twitch.resetAdmin();
    }

    @AfterEach
    void restore() {
        given().contentType("application/json").body(Map.of("bucket", "app:" + CLIENT_ID, "points_per_minute", 800))
                .put("/emulator/ratelimits").then().statusCode(200);
        Twitch.resetAdmin();
    }

    private static Map<String, Object> bucket(String name) {
        List<Map<String, Object>> buckets = given().get("/emulator/counters").then().statusCode(200).extract().jsonPath()
                .getList("buckets");
        return buckets.stream().filter(b -> name.equals(b.get("bucket"))).findFirst().orElseThrow();
    }

    @Test
    void appTokensOfOneClientShareOneBucketAndUserTokensHaveTheirOwn() {
        given().contentType("application/json").body(Map.of("bucket", "app:" + CLIENT_ID, "points_per_minute", 5))
                .put("/emulator/ratelimits").then().statusCode(200);
        String first = Twitch.appToken();
        String second = Twitch.appToken();
        for (int i = 0; i < 5; i++) {
            Response r = get(i % 2 == 0 ? first : second, "/games/top");
            r.then().statusCode(200).header("Ratelimit-Limit", "5").header("Ratelimit-Remaining", Integer.toString(4 - i));
            long reset = Long.parseLong(r.header("Ratelimit-Reset"));
            assertThat(reset).isBetween(System.currentTimeMillis() / 1000, System.currentTimeMillis() / 1000 + 61);
        }
        get(second, "/games/top").then().statusCode(429).header("Ratelimit-Remaining", "0")
                .body("error", equalTo("Too Many Requests")).body("status", equalTo(429));
        String userId = world.channels().get(5).id();
        String user = (String) Twitch.userGrant(userId).get("access_token");
        get(user, "/games/top").then().statusCode(200).header("Ratelimit-Limit", "800").header("Ratelimit-Remaining", "799");

        Map<String, Object> app = bucket("app:" + CLIENT_ID);
        assertThat(app).containsEntry("requests", 5).containsEntry("rejected", 1).containsEntry("max_per_minute", 5)
                .containsEntry("limit", 5);
        assertThat(bucket("user:" + CLIENT_ID + ":" + userId)).containsEntry("requests", 1);
        JsonPath counters = given().get("/emulator/counters").then().extract().jsonPath();
        assertThat(counters.getInt("endpoints.'/helix/games/top'")).isEqualTo(7);
        assertThat(counters.getInt("statuses.'/helix/games/top'.'429'")).isEqualTo(1);
    }

    @Test
    void errorFaultsFailTheChosenEndpointOnly() {
        String token = Twitch.appToken();
        given().contentType("application/json").body(Map.of("endpoint", "/helix/streams", "error_rate", 1.0, "error_status", 503))
                .put("/emulator/faults").then().statusCode(200);
        get(token, "/streams").then().statusCode(503).body("status", equalTo(503))
                .body("error", equalTo("Service Unavailable")).header("Ratelimit-Limit", "800");
        get(token, "/games/top").then().statusCode(200);
        given().queryParam("endpoint", "/helix/streams").delete("/emulator/faults").then().statusCode(200);
        get(token, "/streams").then().statusCode(200);
    }

    @Test
    void partialErrorRateIsReproducibleForASeed() {
        String token = Twitch.appToken();
        int[] failures = new int[2];
        for (int run = 0; run < 2; run++) {
            given().contentType("application/json")
                    .body(Map.of("endpoint", "/helix/games/top", "error_rate", 0.5, "error_status", 502, "seed", 99))
                    .put("/emulator/faults").then().statusCode(200);
            for (int i = 0; i < 40; i++) {
                if (get(token, "/games/top").statusCode() == 502) {
                    failures[run]++;
                }
            }
        }
        assertThat(failures[0]).isBetween(10, 30).isEqualTo(failures[1]);
    }

    @Test
    void rateLimitStormAndLatency() {
        String token = Twitch.appToken();
        given().contentType("application/json").body(Map.of("endpoint", "*", "rate_limit_storm", true))
                .put("/emulator/faults").then().statusCode(200);
        get(token, "/clips", "game_id", "21779").then().statusCode(429).header("Ratelimit-Remaining", "0");
        given().contentType("application/json").body(Map.of("endpoint", "*", "latency_ms", 300))
                .put("/emulator/faults").then().statusCode(200);
        long started = System.nanoTime();
        get(token, "/games/top").then().statusCode(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(290);
        assertThat(bucket("app:" + CLIENT_ID)).containsEntry("rejected", 1).containsEntry("requests", 1);
    }

    @Test
    void faultsOnTheTokenEndpoint() {
        given().contentType("application/json").body(Map.of("endpoint", "/oauth2/token", "error_rate", 1, "error_status", 500))
                .put("/emulator/faults").then().statusCode(200);
        given().formParams(Map.of("client_id", CLIENT_ID, "client_secret", Twitch.CLIENT_SECRET, "grant_type", "client_credentials"))
                .post("/oauth2/token").then().statusCode(500).body("status", equalTo(500));
    }

    @Test
    void badAdminInputIsAProblem() {
        given().contentType("application/json").body(Map.of("endpoint", "/helix/streams", "error_rate", 2))
                .put("/emulator/faults").then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("bucket", "app:x", "points_per_minute", 0))
                .put("/emulator/ratelimits").then().statusCode(400);
        given().contentType("application/json").body(Map.of("duration", "an hour")).post("/emulator/clock/advance")
                .then().statusCode(400);
    }
}
