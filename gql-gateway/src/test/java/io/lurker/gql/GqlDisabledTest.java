package io.lurker.gql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Off by default: every GraphQL endpoint says so, and nothing calls Twitch's GraphQL. */
@QuarkusTest
@TestProfile(GqlDisabledTest.Disabled.class)
class GqlDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Twitch's URLs point nowhere: a call would fail loudly rather than reach anything
            return Map.of("lurker.gql.enabled", "false", "lurker.twitch.gql-url", "http://127.0.0.1:9/gql",
                    "lurker.twitch.web-url", "http://127.0.0.1:9/web");
        }
    }

    @Test
    void everyEndpointAnswers503SayingWhy() {
        given().auth().oauth2(TestTokens.read()).contentType("application/json")
                .body(Map.of("operationName", "StreamMetadata", "variables", Map.of("channelLogin", "x")))
                .post("/api/v1/gql/query").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("lurker.gql.enabled=true"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/users/x/stream").then().statusCode(503);
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/videos/1/chapters").then().statusCode(503);
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/replays").then().statusCode(503);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/gql/replays/1").then().statusCode(503);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/gql/hashes").then().statusCode(503);
    }
}
