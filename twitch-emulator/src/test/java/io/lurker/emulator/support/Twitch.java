package io.lurker.emulator.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Calls to the emulator under test, as a Helix client would make them. */
public final class Twitch {

    public static final String CLIENT_ID = "lurker-dev-client";
    public static final String CLIENT_SECRET = "lurker-dev-secret";

    private Twitch() {
    }

    public static String appToken() {
        return appToken(CLIENT_ID, CLIENT_SECRET);
    }

    public static String appToken(String clientId, String secret) {
        return given().formParam("client_id", clientId).formParam("client_secret", secret)
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token").then().statusCode(200).extract().path("access_token");
    }

    /** A user token for a world user (by id) authorised for the dev client with the given scopes. */
    public static Map<String, Object> userGrant(String userId, String... scopes) {
        return given().contentType("application/json")
                .body(Map.of("user_id", userId, "client_id", CLIENT_ID, "scopes", java.util.List.of(scopes)))
                .post("/emulator/users").then().statusCode(200).extract().as(Map.class);
    }

    public static RequestSpecification helix(String token) {
        return given().header("Client-Id", CLIENT_ID).header("Authorization", "Bearer " + token);
    }

    public static Response get(String token, String path, Object... params) {
        RequestSpecification spec = helix(token);
        for (int i = 0; i < params.length; i += 2) {
            spec = spec.queryParam((String) params[i], params[i + 1]);
        }
        return spec.get("/helix" + path);
    }

    public static void resetAdmin() {
        given().delete("/emulator/faults").then().statusCode(200);
        given().delete("/emulator/counters").then().statusCode(200);
    }

    public static void advance(String duration) {
        given().contentType("application/json").body(Map.of("duration", duration))
                .post("/emulator/clock/advance").then().statusCode(200);
    }
}
