package io.lurker.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Lurker API tokens issued here: accepted everywhere until revoked, refused within a second after. */
@QuarkusTest
class ApiTokenTest {

    @ConfigProperty(name = "lurker.token-pool.prefix")
    String prefix;

    @jakarta.inject.Inject
    io.lurker.tokenpool.security.RevocationList revocations;

    @Test
    void issuedTokenWorksUntilRevokedThenIs401WithinASecond() {
        JsonPath issued = Api.admin().body(Map.of("subject", "ops", "roles", List.of("admin"), "ttl", "2h"))
                .post("/api/v1/api-tokens").then().statusCode(201)
                .body("subject", equalTo("ops"))
                .body("roles", equalTo(List.of("admin")))
                .extract().jsonPath();
        String token = issued.getString("token");
        String id = issued.getString("id");
        Instant expires = Instant.parse(issued.getString("expiresAt"));
        assertThat(Duration.between(Instant.parse(issued.getString("issuedAt")), expires)).isEqualTo(Duration.ofHours(2));

        Map<String, Object> claims = claims(token);
        assertThat(claims).containsEntry("iss", "lurker").containsEntry("sub", "ops").containsEntry("jti", id);
        assertThat(header(token)).containsEntry("alg", "RS256");

        Api.as(token).get("/api/v1/credentials").then().statusCode(200);
        Api.admin().get("/api/v1/api-tokens").then().statusCode(200).body("id", hasItem(id));

        Api.admin().delete("/api/v1/api-tokens/" + id).then().statusCode(204);
        // the replica that revoked applies it before answering: the very next call is refused
        Api.as(token).get("/api/v1/credentials").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lurker:problem:unauthorized"));
        Api.admin().get("/api/v1/api-tokens").then().body("find { it.id == '" + id + "' }.revoked", equalTo(true));
    }

    @Test
    void revocationPublishedByAnotherReplicaIsHonouredWithinASecond() throws Exception {
        String id = UUID.randomUUID().toString();
        String token = TestTokens.withId(id, "admin");
        Api.as(token).get("/api/v1/tokens").then().statusCode(200);

        // another auth-service replica revokes: the same Redis writes, on its own connection
        Vertx vertx = Vertx.vertx();
        try {
            Redis other = Redis.createClient(vertx, "redis://127.0.0.1:6379");
            String member = id + "|" + Instant.now().plusSeconds(3600).toEpochMilli();
            other.batch(List.of(Request.cmd(Command.ZADD).arg(prefix + "jwt:revoked").arg(Instant.now().plusSeconds(3600).toEpochMilli()).arg(member),
                    Request.cmd(Command.PUBLISH).arg(prefix + "jwt:revocations").arg(member)))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            // measured on the in-memory list, so that a slow HTTP call on a loaded machine does not count
            await().atMost(1, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(10)).until(() -> revocations.isRevoked(id));
            Api.as(token).get("/api/v1/tokens").then().statusCode(401);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        // a token with another id is unaffected
        Api.admin().get("/api/v1/tokens").then().statusCode(200);
    }

    @Test
    void revokingATokenNotIssuedHereWorksToo() {
        String id = "minted-by-script-" + UUID.randomUUID();
        String token = TestTokens.withId(id, "admin");
        Api.as(token).get("/api/v1/tokens").then().statusCode(200);
        Api.admin().delete("/api/v1/api-tokens/" + id + "?expiresAt=" + Instant.now().plusSeconds(7200)).then().statusCode(204);
        Api.as(token).get("/api/v1/tokens").then().statusCode(401);
    }

    @Test
    void badIssueRequestsAre400() {
        Api.admin().body(Map.of("roles", List.of("superuser"))).post("/api/v1/api-tokens")
                .then().statusCode(400).body("parameter", equalTo("roles"));
        Api.admin().body(Map.of("roles", List.of())).post("/api/v1/api-tokens")
                .then().statusCode(400).body("parameter", equalTo("roles"));
        Api.admin().body(Map.of("roles", List.of("read"), "ttl", "forever")).post("/api/v1/api-tokens")
                .then().statusCode(400).body("parameter", equalTo("ttl"));
        Api.admin().body(Map.of("roles", List.of("read"), "ttl", "400d")).post("/api/v1/api-tokens")
                .then().statusCode(400).body("parameter", equalTo("ttl"));
        Api.admin().body(Map.of("roles", List.of("read"), "subject", "has space")).post("/api/v1/api-tokens")
                .then().statusCode(400).body("parameter", equalTo("subject"));
        Api.admin().delete("/api/v1/api-tokens/x?expiresAt=yesterday").then().statusCode(400).body("parameter", equalTo("expiresAt"));
    }

    @Test
    void readTokenIssuedHereCarriesOnlyItsRole() {
        String token = Api.admin().body(Map.of("roles", List.of("read"))).post("/api/v1/api-tokens")
                .then().statusCode(201).extract().path("token");
        given().auth().oauth2(token).get("/api/v1/credentials").then().statusCode(403);
        assertThat(claims(token).get("groups")).isEqualTo(List.of("read"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> claims(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8)).getMap("$");
    }

    static Map<String, Object> header(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8)).getMap("$");
    }
}
