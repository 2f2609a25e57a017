package io.lurker.emulator.auth;

import static io.lurker.emulator.support.Twitch.CLIENT_ID;
import static io.lurker.emulator.support.Twitch.CLIENT_SECRET;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.lurker.emulator.support.Twitch;
import io.lurker.emulator.world.World;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** id.twitch.tv grants, validation, revocation, device flow and every Helix 401. */
@QuarkusTest
class AuthTest {

    @Inject
    World world;

    @Inject
    io.lurker.emulator.gql.IntegrityTokens integrity;

    String userId;

    @BeforeEach
    void setUp() {
        Twitch.resetAdmin();
        userId = world.channels().get(3).id();
    }

    private static JsonPath tokenCall(Map<String, String> form) {
        return given().formParams(form).post("/oauth2/token").then().extract().jsonPath();
    }

    private static void helix401(String token, String clientId, String message) {
        var spec = given();
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        if (clientId != null) {
            spec = spec.header("Client-Id", clientId);
        }
        spec.get("/helix/games/top").then().statusCode(401)
                .body("error", equalTo("Unauthorized")).body("status", equalTo(401)).body("message", equalTo(message));
    }

    @Test
    void clientCredentialsGrantAndItsErrors() {
        JsonPath ok = tokenCall(Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "grant_type", "client_credentials"));
        assertThat(ok.getString("access_token")).matches("[a-z0-9]{30}");
        assertThat(ok.getString("token_type")).isEqualTo("bearer");
        assertThat(ok.getLong("expires_in")).isGreaterThan(50L * 86400);
        assertThat(ok.getMap("$")).doesNotContainKey("refresh_token");
        given().formParams(Map.of("client_id", CLIENT_ID, "client_secret", "wrong", "grant_type", "client_credentials"))
                .post("/oauth2/token").then().statusCode(403).body("status", equalTo(403))
                .body("message", equalTo("invalid client secret"));
        given().formParams(Map.of("client_id", "nobody", "client_secret", "x", "grant_type", "client_credentials"))
                .post("/oauth2/token").then().statusCode(400).body("message", equalTo("invalid client"));
        given().formParams(Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET))
                .post("/oauth2/token").then().statusCode(400).body("message", equalTo("missing grant_type"));
        given().formParams(Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "grant_type", "password"))
                .post("/oauth2/token").then().statusCode(400).body("message", equalTo("unsupported grant_type"));
        // Twitch also takes the parameters in the query string
        given().queryParam("client_id", CLIENT_ID).queryParam("client_secret", CLIENT_SECRET)
                .queryParam("grant_type", "client_credentials").post("/oauth2/token").then().statusCode(200);
    }

    @Test
    void validateAppAndUserTokens() {
        String app = Twitch.appToken();
        given().header("Authorization", "OAuth " + app).get("/oauth2/validate").then().statusCode(200)
                .body("client_id", equalTo(CLIENT_ID)).body("scopes", nullValue()).body("login", nullValue())
                .body("user_id", nullValue());
        Map<String, Object> grant = Twitch.userGrant(userId, "user:read:email");
        given().header("Authorization", "OAuth " + grant.get("access_token")).get("/oauth2/validate").then().statusCode(200)
                .body("user_id", equalTo(userId)).body("login", equalTo(world.channel(userId).login()))
                .body("scopes", equalTo(List.of("user:read:email")));
        given().header("Authorization", "OAuth nope").get("/oauth2/validate").then().statusCode(401)
                .body("status", equalTo(401)).body("message", equalTo("invalid access token"));
        given().get("/oauth2/validate").then().statusCode(401).body("message", equalTo("missing authorization token"));
    }

    @Test
    void refreshGrantRotatesWhenAskedTo() {
        Map<String, Object> grant = Twitch.userGrant(userId, "chat:read");
        String refresh = (String) grant.get("refresh_token");
        JsonPath refreshed = tokenCall(Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                "grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(refreshed.getString("refresh_token")).isEqualTo(refresh);
        assertThat(refreshed.getList("scope")).containsExactly("chat:read");
        Twitch.get(refreshed.getString("access_token"), "/users").then().statusCode(200)
                .body("data[0].id", equalTo(userId));

        given().contentType("application/json").body(Map.of("rotate_refresh_tokens", true)).put("/emulator/auth/settings")
                .then().statusCode(200);
        try {
            JsonPath rotated = tokenCall(Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                    "grant_type", "refresh_token", "refresh_token", refresh));
            assertThat(rotated.getString("refresh_token")).isNotEqualTo(refresh);
            given().formParams(Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "grant_type", "refresh_token",
                    "refresh_token", refresh)).post("/oauth2/token").then().statusCode(400)
                    .body("message", equalTo("Invalid refresh token"));
        } finally {
            given().contentType("application/json").body(Map.of("rotate_refresh_tokens", false)).put("/emulator/auth/settings");
        }
    }

    @Test
    void deviceCodeFlow() {
        JsonPath device = given().formParam("client_id", CLIENT_ID).formParam("scopes", "chat:read user:read:email")
                .post("/oauth2/device").then().statusCode(200).extract().jsonPath();
        String code = device.getString("device_code");
        String userCode = device.getString("user_code");
        assertThat(device.getString("verification_uri")).endsWith(userCode);
        Map<String, String> poll = Map.of("client_id", CLIENT_ID, "device_code", code,
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code");
        given().formParams(poll).post("/oauth2/token").then().statusCode(400).body("message", equalTo("authorization_pending"));
        given().contentType("application/json").body(Map.of("user_code", userCode, "user_id", userId))
                .post("/emulator/device/approve").then().statusCode(200);
        JsonPath tokens = given().formParams(poll).post("/oauth2/token").then().statusCode(200).extract().jsonPath();
        assertThat(tokens.getList("scope")).containsExactly("chat:read", "user:read:email");
        assertThat(tokens.getString("refresh_token")).isNotBlank();
        given().header("Authorization", "OAuth " + tokens.getString("access_token")).get("/oauth2/validate").then()
                .statusCode(200).body("user_id", equalTo(userId));
        given().formParams(poll).post("/oauth2/token").then().statusCode(400).body("message", equalTo("invalid device code"));
        given().contentType("application/json").body(Map.of("user_code", "NOPENOPE", "user_id", userId))
                .post("/emulator/device/approve").then().statusCode(404);
    }

    @Test
    void theSecretsCallListsEveryCredentialHandedOutAlsoRevokedAndRotatedOnes() {
        String app = Twitch.appToken();
        given().contentType("application/json").body(Map.of("token", app)).post("/emulator/tokens/revoke").then().statusCode(200);
        Map<String, Object> grant = Twitch.userGrant(userId, "chat:read");
        String refresh = (String) grant.get("refresh_token");
        given().contentType("application/json").body(Map.of("rotate_refresh_tokens", true)).put("/emulator/auth/settings")
                .then().statusCode(200);
        String rotated;
        try {
            rotated = tokenCall(Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "grant_type", "refresh_token",
                    "refresh_token", refresh)).getString("refresh_token");
        } finally {
            given().contentType("application/json").body(Map.of("rotate_refresh_tokens", false)).put("/emulator/auth/settings");
        }
        String deviceCode = given().formParam("client_id", CLIENT_ID).formParam("scopes", "chat:read").post("/oauth2/device")
                .then().statusCode(200).extract().jsonPath().getString("device_code");
        String integrityToken = integrity.issue("lurker-emulator-web-client", "device0123456789",
                "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0 Safari/537.36", "127.0.0.1").token();

        JsonPath secrets = given().get("/emulator/secrets").then().statusCode(200).extract().jsonPath();
        assertThat(secrets.getList("client_secrets", String.class)).contains(CLIENT_SECRET);
        assertThat(secrets.getList("access_tokens", String.class)).contains(app, (String) grant.get("access_token"));
        assertThat(secrets.getList("refresh_tokens", String.class)).contains(refresh, rotated);
        assertThat(rotated).isNotEqualTo(refresh);
        assertThat(secrets.getList("device_codes", String.class)).contains(deviceCode);
        assertThat(secrets.getList("integrity_tokens", String.class)).contains(integrityToken);
    }

    @Test
    void helixRefusesMissingInvalidMismatchedRevokedAndExpiredTokens() {
        String app = Twitch.appToken();
        helix401(null, CLIENT_ID, "OAuth token is missing");
        helix401("notatoken", CLIENT_ID, "Invalid OAuth token");
        helix401(app, null, "Client ID is missing");
        given().contentType("application/json").body(Map.of("client_id", "other-client", "client_secret", "other-secret"))
                .post("/emulator/clients").then().statusCode(200);
        helix401(app, "other-client", "Client ID and OAuth token do not match");

        String revoked = Twitch.appToken();
        given().formParam("client_id", "other-client").formParam("token", revoked).post("/oauth2/revoke").then()
                .statusCode(400).body("message", equalTo("Invalid token"));
        given().formParam("client_id", CLIENT_ID).formParam("token", revoked).post("/oauth2/revoke").then().statusCode(200);
        helix401(revoked, CLIENT_ID, "Invalid OAuth token");
        given().header("Authorization", "OAuth " + revoked).get("/oauth2/validate").then().statusCode(401);

        String adminRevoked = Twitch.appToken();
        given().contentType("application/json").body(Map.of("token", adminRevoked)).post("/emulator/tokens/revoke")
                .then().statusCode(200);
        helix401(adminRevoked, CLIENT_ID, "Invalid OAuth token");

        String user = (String) Twitch.userGrant(userId).get("access_token");
        Twitch.get(user, "/games/top").then().statusCode(200);
        Twitch.advance("PT4H1M");
        helix401(user, CLIENT_ID, "Invalid OAuth token");
        Twitch.get(app, "/games/top").then().statusCode(200);

        given().post("/emulator/tokens/expire-all").then().statusCode(200);
        helix401(app, CLIENT_ID, "Invalid OAuth token");
        Twitch.get(Twitch.appToken(), "/games/top").then().statusCode(200);
    }
}
