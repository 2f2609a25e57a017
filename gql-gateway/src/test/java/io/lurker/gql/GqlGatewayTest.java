package io.lurker.gql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.GqlEmulatorAdmin;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.gql.support.IntegrityServiceTestResource;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gql-gateway against the emulator with real integrity tokens (integrity-service with Chromium
 * runs beside): the proxy and typed API, hash rotation healed by rediscovery, a refused token
 * replaced, problems for bad input and upstream errors, and roles.
 */
@QuarkusTest
@WithTestResource(IntegrityServiceTestResource.class)
class GqlGatewayTest {

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @ConfigProperty(name = "lurker.test.emulator.url")
    String emulatorUrl;

    @ConfigProperty(name = "lurker.test.emulator.admin-key")
    String adminKey;

    GqlEmulatorAdmin gql;

    @BeforeEach
    void setUp() {
        gql = new GqlEmulatorAdmin(emulatorUrl, adminKey);
    }

    @AfterEach
    void clearFaults() {
        emulator.clearFaults();
        gql.failNext(0);
    }

    private static JsonPath query(Object body) {
        return given().auth().oauth2(TestTokens.read()).contentType("application/json").body(body)
                .post("/api/v1/gql/query").then().statusCode(200).extract().jsonPath();
    }

    private JsonNode liveStream() {
        return emulator.truthLiveStreams(null).path("data").get(0);
    }

    @Test
    void staleSeedHashIsRetriedThenHealedByRediscovery() {
        JsonNode stream = liveStream();
        gql.resetCounters();
        JsonPath data = query(Map.of("operationName", "StreamMetadata", "variables", Map.of("channelLogin", stream.path("user_login").asText())));
        assertThat(data.getString("user.id")).isEqualTo(stream.path("user_id").asText());
        assertThat(data.getString("user.stream.id")).isEqualTo(stream.path("id").asText());
        JsonPath registry = given().auth().oauth2(TestTokens.admin()).get("/api/v1/gql/hashes").then().statusCode(200).extract().jsonPath();
        assertThat(registry.getString("StreamMetadata.hash")).isEqualTo(gql.hash("StreamMetadata"));
        assertThat(registry.getString("StreamMetadata.source")).isEqualTo("discovered");
    }

    @Test
    void rotatedHashesAreRediscoveredFromTheSitesBundle() {
        String login = liveStream().path("user_login").asText();
        query(Map.of("operationName", "StreamMetadata", "variables", Map.of("channelLogin", login)));
        String before = gql.hash("StreamMetadata");
        gql.rotate(null);
        String after = gql.hash("StreamMetadata");
        assertThat(after).isNotEqualTo(before);
        gql.resetCounters();

        JsonPath data = query(Map.of("operationName", "StreamMetadata", "variables", Map.of("channelLogin", login)));
        assertThat(data.getString("user.login")).isNull(); // StreamMetadata carries id, not login
        assertThat(data.getString("user.id")).isNotBlank();
        JsonNode outcomes = gql.counters().path("operations").path("StreamMetadata");
        // once with the old hash, once more (it may be transient), then with the rediscovered one
        assertThat(outcomes.path("persisted_query_not_found").asInt()).isEqualTo(2);
        assertThat(outcomes.path("ok").asInt()).isEqualTo(1);
        assertThat(given().auth().oauth2(TestTokens.admin()).get("/api/v1/gql/hashes").then().extract().jsonPath()
                .getString("StreamMetadata.hash")).isEqualTo(after);
    }

    @Test
    void aTransientNotFoundIsRetriedWithoutRediscovery() {
        String login = liveStream().path("user_login").asText();
        query(Map.of("operationName", "StreamMetadata", "variables", Map.of("channelLogin", login)));
        String updatedAt = given().auth().oauth2(TestTokens.admin()).get("/api/v1/gql/hashes").then().extract().jsonPath()
                .getString("StreamMetadata.updatedAt");
        gql.failNext(1);
        gql.resetCounters();
        query(Map.of("operationName", "StreamMetadata", "variables", Map.of("channelLogin", login)));
        assertThat(gql.counters().path("operations").path("StreamMetadata").path("persisted_query_not_found").asInt()).isEqualTo(1);
        assertThat(given().auth().oauth2(TestTokens.admin()).get("/api/v1/gql/hashes").then().extract().jsonPath()
                .getString("StreamMetadata.updatedAt")).isEqualTo(updatedAt);
    }

    @Test
    void batchesAnswerEachOperationsData() {
        JsonNode stream = liveStream();
        JsonPath data = query(List.of(
                Map.of("operationName", "StreamMetadata", "variables", Map.of("channelLogin", stream.path("user_login").asText())),
                Map.of("operationName", "StreamMetadata", "variables", Map.of("channelLogin", "nobody_has_this_login"))));
        assertThat(data.getList("$")).hasSize(2);
        assertThat(data.getString("[0].user.id")).isEqualTo(stream.path("user_id").asText());
        assertThat(data.getMap("[1]")).containsEntry("user", null);
    }

    @Test
    void badInputAndUpstreamErrorsAreProblems() {
        given().auth().oauth2(TestTokens.read()).contentType("application/json")
                .body(Map.of("operationName", "DeleteEverything", "variables", Map.of())).post("/api/v1/gql/query")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("DeleteEverything"));
        given().auth().oauth2(TestTokens.read()).contentType("application/json").body("[1,2]").post("/api/v1/gql/query")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.read()).contentType("application/json").body("{\"operationName\":").post("/api/v1/gql/query")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.read()).contentType("application/json")
                .body(Map.of("operationName", "VideoMetadata", "variables", Map.of("channelLogin", ""))).post("/api/v1/gql/query")
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:lurker:problem:upstream-error"))
                .body("detail", containsString("Variable \"$videoID\" of required type \"ID!\" was not provided."));
        emulator.setFault("/gql", 1.0, 503, 0, false);
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/users/somebody/stream").then().statusCode(502)
                .contentType("application/problem+json").body("detail", containsString("HTTP 503"));
        emulator.clearFaults();
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/users/not a login!/stream").then().statusCode(400);
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/users/somebody/clips?filter=SOMETIMES").then().statusCode(400)
                .body("parameter", equalTo("filter"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/users/somebody/clips?limit=101").then().statusCode(400);
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/videos/abc/chapters").then().statusCode(400);
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/videos/1/chapters").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/users/nobody_has_this_login/stream").then().statusCode(404);
    }

    @Test
    void chaptersFollowTheBroadcastsGames() {
        JsonNode multi = null;
        JsonNode single = null;
        for (JsonNode a : gql.archives(1000)) {
            if (multi == null && a.path("chapters").asInt() > 1) {
                multi = a;
            }
            if (single == null && a.path("chapters").asInt() == 1) {
                single = a;
            }
        }
        JsonNode truth = gql.truthChapters(multi.path("video_id").asText()).path("data");
        JsonPath chapters = given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/videos/" + multi.path("video_id").asText() + "/chapters")
                .then().statusCode(200).extract().jsonPath();
        assertThat(chapters.getList("chapters")).hasSize(truth.size());
        for (int i = 0; i < truth.size(); i++) {
            assertThat(chapters.getInt("chapters[" + i + "].positionSeconds")).isEqualTo(truth.get(i).path("position_seconds").asInt());
            assertThat(chapters.getInt("chapters[" + i + "].durationSeconds")).isEqualTo(truth.get(i).path("duration_seconds").asInt());
            assertThat(chapters.getString("chapters[" + i + "].gameId")).isEqualTo(truth.get(i).path("game_id").asText());
        }
        assertThat(chapters.getString("ownerId")).isEqualTo(multi.path("user_id").asText());

        JsonPath one = given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/videos/" + single.path("video_id").asText() + "/chapters")
                .then().statusCode(200).extract().jsonPath();
        assertThat(one.getList("chapters")).hasSize(1);
        assertThat(one.getInt("chapters[0].positionSeconds")).isZero();
        assertThat(one.getLong("chapters[0].durationSeconds")).isEqualTo(single.path("length_seconds").asLong());
        assertThat(one.getString("chapters[0].gameId"))
                .isEqualTo(gql.truthChapters(single.path("video_id").asText()).path("data").get(0).path("game_id").asText());
    }

    @Test
    void clipCardsNeedAndGetARealIntegrityToken() {
        String login = null;
        List<String> truth = null;
        for (JsonNode a : gql.archives(1000)) {
            JsonNode clips = emulator.truthClipsOfBroadcaster(a.path("user_id").asText(), null, null);
            if (clips.path("total").asInt() > 6) {
                login = a.path("user_login").asText();
                truth = new ArrayList<>();
                for (JsonNode c : clips.path("data")) {
                    truth.add(c.path("id").asText());
                }
                break;
            }
        }
        assertThat(login).isNotNull();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().auth().oauth2(TestTokens.read()).queryParam("filter", "ALL_TIME").queryParam("limit", 4)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/gql/users/" + login + "/clips").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("clips.slug"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(truth);
        assertThat(gql.integrity().path("checks").path("ok").asLong()).isPositive();

        String topGame = emulator.truthTopGames().path("data").get(0).path("name").asText();
        String slug = topGame.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        JsonPath top = given().auth().oauth2(TestTokens.read()).queryParam("filter", "LAST_WEEK").queryParam("limit", 10)
                .get("/api/v1/gql/games/" + slug + "/clips").then().statusCode(200).extract().jsonPath();
        List<Integer> views = top.getList("clips.viewCount");
        assertThat(views).isNotEmpty().isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(top.getList("clips.gameName")).containsOnly(topGame);
    }

    @Test
    void aRefusedTokenIsReplacedByAFreshCaptureAndTheCallRetried() {
        String login = liveStream().path("user_login").asText();
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/users/" + login + "/clips").then().statusCode(200);
        gql.revokeIntegrityTokens();
        gql.resetCounters();
        given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/users/" + login + "/clips?filter=ALL_TIME").then().statusCode(200);
        JsonNode counters = gql.counters();
        // the gateway's call with the revoked token failed the check; integrity-service's own probe of that
        // token may fail it too before the fresh capture, so the count is at least one
        assertThat(counters.path("operations").path("ClipsCards__User").path("failed_integrity_check").asInt()).isPositive();
        // ok: the gateway's retry, plus the new capture's page and probe
        assertThat(counters.path("operations").path("ClipsCards__User").path("ok").asInt()).isGreaterThanOrEqualTo(1);
        // the revoked token was refused (by the gateway's call and possibly integrity-service's own probes)
        assertThat(counters.path("integrity").path("checks").path("revoked").asInt()).isPositive();
        // counters were reset: a token was issued since, to a browser (no bad bot)
        assertThat(counters.path("integrity").path("issued").asLong()).isPositive();
        assertThat(counters.path("integrity").path("issued_bad_bot").asLong()).isZero();
    }

    @Test
    void streamMetadataIsTyped() {
        JsonNode stream = liveStream();
        JsonPath info = given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/users/" + stream.path("user_login").asText() + "/stream")
                .then().statusCode(200).extract().jsonPath();
        assertThat(info.getBoolean("live")).isTrue();
        assertThat(info.getString("streamId")).isEqualTo(stream.path("id").asText());
        assertThat(info.getInt("viewersCount")).isEqualTo(stream.path("viewer_count").asInt());
        assertThat(info.getString("gameId")).isEqualTo(stream.path("game_id").asText());
        assertThat(info.getString("startedAt")).isEqualTo(stream.path("started_at").asText());
    }

    @Test
    void everyEndpointNeedsTheRightRole() {
        record Call(String method, String path, String role) {
        }
        List<Call> calls = List.of(new Call("POST", "/api/v1/gql/query", "read"),
                new Call("GET", "/api/v1/gql/videos/1/chapters", "read"),
                new Call("GET", "/api/v1/gql/users/somebody/clips", "read"),
                new Call("GET", "/api/v1/gql/games/some-game/clips", "read"),
                new Call("GET", "/api/v1/gql/users/somebody/stream", "read"),
                new Call("GET", "/api/v1/gql/replays", "read"),
                new Call("GET", "/api/v1/gql/replays/1", "read"),
                new Call("POST", "/api/v1/gql/replays/1", "admin"),
                new Call("DELETE", "/api/v1/gql/replays/1", "admin"),
                new Call("GET", "/api/v1/gql/hashes", "admin"),
                new Call("PUT", "/api/v1/gql/hashes/StreamMetadata", "admin"),
                new Call("POST", "/api/v1/gql/hashes/rediscover", "admin"));
        for (Call call : calls) {
            String wrong = call.role().equals("read") ? "admin" : "read";
            given().contentType("application/json").body("{}").request(call.method(), call.path()).then()
                    .statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.withRoles(wrong, "internal")).contentType("application/json").body("{}")
                    .request(call.method(), call.path()).then().statusCode(403).contentType("application/problem+json");
            int status = given().auth().oauth2(TestTokens.withRoles(call.role())).contentType("application/json").body("{}")
                    .request(call.method(), call.path()).then().extract().statusCode();
            assertThat(status).as(call.method() + " " + call.path()).isNotIn(401, 403, 500);
        }
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body(Map.of("sha256Hash", "xyz"))
                .put("/api/v1/gql/hashes/StreamMetadata").then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body(Map.of("sha256Hash", "a".repeat(64)))
                .put("/api/v1/gql/hashes/Unknown").then().statusCode(400);
    }
}
