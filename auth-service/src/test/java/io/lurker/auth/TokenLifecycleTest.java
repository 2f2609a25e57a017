package io.lurker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.tokenpool.model.TokenSecrets;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens through their life against the emulator: user tokens from a refresh token and from
 * the device-code flow, refresh with rotation, expiry on the emulator's clock found by
 * validation and repaired by a lifecycle pass, revocation at Twitch, encryption at rest.
 */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.FIXTURE, value = "classpath:fixtures/small-world.json")})
class TokenLifecycleTest {

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @Inject
    Redis redis;

    @ConfigProperty(name = "lurker.token-pool.prefix")
    String prefix;

    @BeforeEach
    void registerDevCredential() {
        Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "clientSecret", Api.DEV_SECRET))
                .post("/api/v1/credentials").then().statusCode(201);
    }

    @Test
    void userTokenFromRefreshTokenIsRefreshedWithRotation() throws Exception {
        JsonNode user = emulator.addUser("alpha_lol", Api.DEV_CLIENT, "moderator:read:followers");
        String firstRefresh = user.path("refresh_token").asText();
        JsonPath added = Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "refreshToken", firstRefresh))
                .post("/api/v1/tokens/user").then().statusCode(201)
                .body("kind", equalTo("user"))
                .body("login", equalTo("alpha_lol"))
                .body("userId", equalTo(user.path("user_id").asText()))
                .body("scopes", hasItem("moderator:read:followers"))
                .body("bucket", equalTo("user:" + Api.DEV_CLIENT + ":" + user.path("user_id").asText()))
                .body("hasRefreshToken", equalTo(true))
                .extract().jsonPath();
        String id = added.getString("id");
        long generation = added.getLong("generation");
        String body = Api.admin().get("/api/v1/tokens").then().statusCode(200).extract().asString();
        TokenSecrets before = pool.tokenSecrets(id).await().indefinitely().orElseThrow();
        assertThat(body).doesNotContain(before.accessToken()).doesNotContain(firstRefresh);

        emulator.rotateRefreshTokens(true);
        try {
            Api.admin().post("/api/v1/tokens/" + id + "/refresh").then().statusCode(200)
                    .body("generation", equalTo((int) generation + 1))
                    .body("state", equalTo("healthy"));
        } finally {
            emulator.rotateRefreshTokens(false);
        }
        TokenSecrets after = pool.tokenSecrets(id).await().indefinitely().orElseThrow();
        assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
        assertThat(after.refreshToken()).isPresent().get().isNotEqualTo(before.refreshToken().orElseThrow());
        // Twitch retired the old refresh token; the stored one is the one it handed out
        assertThat(TwitchCalls.refresh(emulator.baseUrl(), Api.DEV_CLIENT, Api.DEV_SECRET, before.refreshToken().orElseThrow()).statusCode()).isEqualTo(400);
        assertThat(TwitchCalls.validateStatus(emulator.baseUrl(), after.accessToken())).isEqualTo(200);
    }

    @Test
    void refusedRefreshTokenIs422WithTwitchsReason() {
        Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "refreshToken", "not-a-refresh-token"))
                .post("/api/v1/tokens/user").then().statusCode(422)
                .contentType("application/problem+json")
                .body("twitchReason", equalTo("Invalid refresh token"));
        Api.admin().body(Map.of("clientId", "unregistered-client", "refreshToken", "x"))
                .post("/api/v1/tokens/user").then().statusCode(404);
        Api.admin().body(Map.of("clientId", Api.DEV_CLIENT))
                .post("/api/v1/tokens/user").then().statusCode(400).body("parameter", equalTo("refreshToken"));
    }

    @Test
    void expiredOnTheEmulatorClockIsFoundByValidationAndRenewedByALifecyclePass() throws Exception {
        JsonNode user = emulator.addUser("charlie_mc", Api.DEV_CLIENT, "chat:read");
        String id = Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "refreshToken", user.path("refresh_token").asText()))
                .post("/api/v1/tokens/user").then().statusCode(201).extract().path("id");
        long generation = pool.token(id).await().indefinitely().orElseThrow().generation();

        emulator.advance(Duration.ofHours(5)); // user tokens live 4 h on the emulator
        Api.admin().post("/api/v1/tokens/" + id + "/validate").then().statusCode(200).body("state", equalTo("invalid"));
        Api.admin().get("/api/v1/tokens/" + id).then().body("state", equalTo("invalid"));

        Api.admin().post("/api/v1/tokens/lifecycle").then().statusCode(200).body("renewed", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        Api.admin().get("/api/v1/tokens/" + id).then().body("state", equalTo("healthy")).body("generation", equalTo((int) generation + 1));
        TokenSecrets renewed = pool.tokenSecrets(id).await().indefinitely().orElseThrow();
        assertThat(TwitchCalls.validateStatus(emulator.baseUrl(), renewed.accessToken())).isEqualTo(200);
    }

    @Test
    void revokedAppTokenIsInvalidatedAndReplacedInPlace() throws Exception {
        String id = Api.admin().get("/api/v1/tokens").then().extract().jsonPath()
                .getList("findAll { it.kind == 'app' && it.clientId == 'lurker-dev-client' }.id", String.class).get(0);
        TokenSecrets before = pool.tokenSecrets(id).await().indefinitely().orElseThrow();
        emulator.revokeToken(before.accessToken());

        Api.admin().post("/api/v1/tokens/lifecycle?validate=true").then().statusCode(200)
                .body("invalidated", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        Api.admin().get("/api/v1/tokens/" + id).then().body("state", equalTo("healthy"));
        TokenSecrets after = pool.tokenSecrets(id).await().indefinitely().orElseThrow();
        assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
        assertThat(TwitchCalls.validateStatus(emulator.baseUrl(), after.accessToken())).isEqualTo(200);
    }

    @Test
    void deviceCodeFlowPoolsTheApprovedUsersToken() {
        JsonPath flow = Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "scopes", List.of("chat:read")))
                .post("/api/v1/tokens/device").then().statusCode(202)
                .body("status", equalTo("pending"))
                .body("verificationUri", containsString("activate"))
                .extract().jsonPath();
        assertThat(flow.getMap("$")).doesNotContainKey("deviceCode");
        emulator.approveDevice(flow.getString("userCode"), "bravo");

        String flowId = flow.getString("id");
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                Api.admin().get("/api/v1/tokens/device/" + flowId).then().statusCode(200).body("status", equalTo("approved")));
        String tokenId = Api.admin().get("/api/v1/tokens/device/" + flowId).then().extract().path("tokenId");
        Api.admin().get("/api/v1/tokens/" + tokenId).then().statusCode(200)
                .body("login", equalTo("bravo")).body("kind", equalTo("user")).body("hasRefreshToken", equalTo(true));
    }

    @Test
    void revokeOnRequestRevokesAtTwitchAndRemovesTheToken() throws Exception {
        JsonNode user = emulator.addUser("bravo", Api.DEV_CLIENT);
        String id = Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "refreshToken", user.path("refresh_token").asText()))
                .post("/api/v1/tokens/user").then().statusCode(201).extract().path("id");
        String access = pool.tokenSecrets(id).await().indefinitely().orElseThrow().accessToken();
        assertThat(TwitchCalls.validateStatus(emulator.baseUrl(), access)).isEqualTo(200);

        Api.admin().delete("/api/v1/tokens/" + id).then().statusCode(204);
        assertThat(TwitchCalls.validateStatus(emulator.baseUrl(), access)).isEqualTo(401);
        Api.admin().get("/api/v1/tokens/" + id).then().statusCode(404);
    }

    @Test
    void nothingInRedisIsASecretInClear() {
        JsonNode user = emulator.addUser("alpha_lol", Api.DEV_CLIENT);
        String id = Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "refreshToken", user.path("refresh_token").asText()))
                .post("/api/v1/tokens/user").then().statusCode(201).extract().path("id");
        TokenSecrets secrets = pool.tokenSecrets(id).await().indefinitely().orElseThrow();

        List<String> values = new java.util.ArrayList<>();
        for (var key : redis.send(Request.cmd(Command.KEYS).arg(prefix + "*")).await().indefinitely()) {
            String type = redis.send(Request.cmd(Command.TYPE).arg(key.toString())).await().indefinitely().toString();
            if ("hash".equals(type)) {
                redis.send(Request.cmd(Command.HGETALL).arg(key.toString())).await().indefinitely()
                        .forEach(v -> values.add(v.toString()));
            }
        }
        String all = String.join("\n", values);
        assertThat(all).contains(id);
        assertThat(all).doesNotContain(secrets.accessToken()).doesNotContain(secrets.refreshToken().orElseThrow()).doesNotContain(Api.DEV_SECRET);
    }
}
