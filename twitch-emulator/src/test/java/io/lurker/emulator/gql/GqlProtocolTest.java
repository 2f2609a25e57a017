package io.lurker.emulator.gql;

import static io.lurker.emulator.gql.GqlClient.anonymous;
import static io.lurker.emulator.gql.GqlClient.grant;
import static io.lurker.emulator.gql.GqlClient.hash;
import static io.lurker.emulator.gql.GqlClient.op;
import static io.lurker.emulator.gql.GqlClient.post;
import static io.lurker.emulator.gql.GqlClient.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /gql's protocol: persisted queries, batches, Twitch's error forms, hash rotation and its bundle, integrity, faults. */
@QuarkusTest
class GqlProtocolTest {

    private static final Pattern SCRIPT = Pattern.compile("src=\"(/web/assets/[^\"]+)\"");

    @BeforeEach
    void freshWorld() {
        given().contentType("application/json").body("{}").post("/emulator/world/reset").then().statusCode(200);
        given().delete("/emulator/gql/counters").then().statusCode(200);
    }

    @AfterEach
    void clearFaults() {
        given().delete("/emulator/faults").then().statusCode(200);
        given().contentType("application/json").body(Map.of("count", 0)).post("/emulator/gql/hashes/fail-next");
    }

    private static String someLogin() {
        return given().get("/emulator/truth/streams").then().statusCode(200).extract().path("data[0].user_login");
    }

    @Test
    void singleAndBatchedPersistedQueries() {
        String login = someLogin();
        JsonPath single = post(anonymous(), op("StreamMetadata", Map.of("channelLogin", login)));
        assertThat(single.getString("data.user.stream.type")).isEqualTo("live");
        assertThat(single.getString("extensions.operationName")).isEqualTo("StreamMetadata");

        JsonPath batch = post(anonymous(), List.of(op("StreamMetadata", Map.of("channelLogin", login)),
                op("StreamMetadata", Map.of("channelLogin", "no_such_login_here"))));
        assertThat(batch.getList("$")).hasSize(2);
        assertThat(batch.getString("[0].data.user.id")).isNotNull();
        assertThat(batch.getMap("[1].data")).containsEntry("user", null);
    }

    @Test
    void unknownAndStaleHashesAnswerPersistedQueryNotFoundWithHttp200() {
        JsonPath unknownOp = post(anonymous(), op("NoSuchOperation", Map.of(), "ab".repeat(32)));
        assertThat(unknownOp.getString("errors[0].message")).isEqualTo("PersistedQueryNotFound");
        JsonPath wrongHash = post(anonymous(), op("StreamMetadata", Map.of("channelLogin", "x"), "cd".repeat(32)));
        assertThat(wrongHash.getString("errors[0].message")).isEqualTo("PersistedQueryNotFound");
        assertThat(wrongHash.getMap("$")).doesNotContainKey("data");
    }

    @Test
    void headerAndBodyProblemsAre400s() {
        given().contentType("application/json").body(op("StreamMetadata", Map.of("channelLogin", "x"))).post("/gql")
                .then().statusCode(400).body("message", equalTo("The \"Client-ID\" header is missing from the request."));
        given().header("Client-Id", "kimne78kx3ncx6brgo4mv6wki5h1ko").contentType("application/json")
                .body(op("StreamMetadata", Map.of("channelLogin", "x"))).post("/gql").then().statusCode(400);
        anonymous().body("{not json").post("/gql").then().statusCode(400);
        anonymous().body("[]").post("/gql").then().statusCode(400);
        given().header("Client-Id", GqlClient.WEB_CLIENT_ID).get("/gql").then().statusCode(405);
        JsonPath missingVariable = post(anonymous(), op("VideoMetadata", Map.of("channelLogin", "")));
        assertThat(missingVariable.getString("errors[0].message")).contains("$videoID").contains("was not provided");
    }

    @Test
    void rotationRetiresOldHashesAndChangesTheBundle() {
        String page = given().get("/web/anychannel").then().statusCode(200).extract().asString();
        List<String> assetsBefore = scripts(page);
        String bundleBefore = given().get("/emulator/gql/hashes").then().extract().path("bundle");
        assertThat(assetsBefore).contains(bundleBefore).hasSize(2);
        String oldHash = hash("StreamMetadata");
        String oldChaptersHash = hash("VideoPlayer_ChapterSelectButtonVideo");
        String content = given().get(bundleBefore).then().statusCode(200).contentType(equalTo("application/javascript; charset=utf-8"))
                .extract().asString();
        assertThat(content).contains("operationName:\"StreamMetadata\",extensions:{persistedQuery:{version:1,\"sha256Hash\":\"" + oldHash + "\"");

        given().contentType("application/json").body(Map.of("operation", "StreamMetadata")).post("/emulator/gql/hashes/rotate")
                .then().statusCode(200);
        String newHash = hash("StreamMetadata");
        assertThat(newHash).isNotEqualTo(oldHash).matches("[0-9a-f]{64}");
        assertThat(hash("VideoPlayer_ChapterSelectButtonVideo")).isEqualTo(oldChaptersHash);
        assertThat(post(anonymous(), op("StreamMetadata", Map.of("channelLogin", "x"), oldHash)).getString("errors[0].message"))
                .isEqualTo("PersistedQueryNotFound");
        assertThat(post(anonymous(), op("StreamMetadata", Map.of("channelLogin", "x"), newHash)).getMap("$")).containsKey("data");

        String bundleAfter = given().get("/emulator/gql/hashes").then().extract().path("bundle");
        assertThat(bundleAfter).isNotEqualTo(bundleBefore);
        assertThat(scripts(given().get("/web/anychannel").then().extract().asString())).contains(bundleAfter);
        given().get(bundleBefore).then().statusCode(404);
        assertThat(given().get(bundleAfter).then().statusCode(200).extract().asString()).contains(newHash).doesNotContain(oldHash);

        given().contentType("application/json").body("{}").post("/emulator/gql/hashes/rotate").then().statusCode(200);
        assertThat(hash("VideoPlayer_ChapterSelectButtonVideo")).isNotEqualTo(oldChaptersHash);
        given().contentType("application/json").body(Map.of("operation", "Nope")).post("/emulator/gql/hashes/rotate")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void transientNotFoundFailsOnlyTheNextCalls() {
        given().contentType("application/json").body(Map.of("count", 1)).post("/emulator/gql/hashes/fail-next").then().statusCode(200);
        Map<String, Object> body = op("StreamMetadata", Map.of("channelLogin", "x"));
        assertThat(post(anonymous(), body).getString("errors[0].message")).isEqualTo("PersistedQueryNotFound");
        assertThat(post(anonymous(), body).getMap("$")).containsKey("data");
    }

    @Test
    void guardedOperationsNeedAValidIntegrityToken() {
        String login = someLogin();
        Map<String, Object> clips = op("ClipsCards__User", Map.of("login", login, "limit", 5, "criteria", Map.of("filter", "ALL_TIME")));

        JsonPath refused = post(anonymous(), clips);
        assertThat(refused.getString("errors[0].message")).isEqualTo("failed integrity check");
        assertThat(refused.getString("extensions.challenge.type")).isEqualTo("integrity");
        assertThat(refused.getString("data.user.clips")).isNull();

        GqlClient.Grant grant = grant(GqlClient.CLEAN_UA);
        assertThat(grant.token()).startsWith("v4.public.");
        assertThat(grant.expiration()).isBetween(System.currentTimeMillis() + 3_000_000, System.currentTimeMillis() + 3_700_000);
        JsonPath accepted = post(with(grant), clips);
        assertThat(accepted.getMap("$")).doesNotContainKey("errors");
        assertThat(accepted.getList("data.user.clips.edges")).hasSize(5);

        // bound to the device id, the user agent and the client id it was issued for
        GqlClient.Grant otherDevice = new GqlClient.Grant("0123456789abcdef0123456789abcdef", grant.token(), grant.userAgent(), 0);
        assertThat(post(with(otherDevice), clips).getString("errors[0].message")).isEqualTo("failed integrity check");
        GqlClient.Grant otherAgent = new GqlClient.Grant(grant.deviceId(), grant.token(), "curl/8.0", 0);
        assertThat(post(with(otherAgent), clips).getString("errors[0].message")).isEqualTo("failed integrity check");
        String tampered = grant.token().substring(0, grant.token().length() - 3) + (grant.token().endsWith("AAA") ? "BBB" : "AAA");
        assertThat(post(with(new GqlClient.Grant(grant.deviceId(), tampered, grant.userAgent(), 0)), clips)
                .getString("errors[0].message")).isEqualTo("failed integrity check");

        // a headless browser's user agent gets a token, marked as a bad bot, that guarded operations refuse
        GqlClient.Grant headless = grant(GqlClient.HEADLESS_UA);
        assertThat(post(with(headless), clips).getString("errors[0].message")).isEqualTo("failed integrity check");

        Map<String, Object> integrity = given().get("/emulator/gql/integrity").then().statusCode(200).extract().jsonPath().getMap("$");
        assertThat(integrity).containsEntry("issued", 2).containsEntry("issued_bad_bot", 1);
        assertThat(given().get("/emulator/gql/integrity").then().extract().jsonPath().getInt("checks.ok")).isEqualTo(1);
        assertThat(given().get("/emulator/gql/integrity").then().extract().jsonPath().getInt("checks.bad_bot")).isEqualTo(1);
        assertThat(given().get("/emulator/gql/counters").then().extract().jsonPath()
                .getInt("operations.ClipsCards__User.failed_integrity_check")).isEqualTo(5);
    }

    @Test
    void integrityNeedsTheAnsweredChallengeAndADeviceId() {
        given().header("Client-Id", GqlClient.WEB_CLIENT_ID).header("X-Device-Id", "0123456789abcdef0123")
                .contentType("application/json").body(Map.of("challenge", "1.abc", "proof", "00")).post("/integrity")
                .then().statusCode(400).body("message", equalTo("The integrity challenge was not answered."));
        given().header("Client-Id", GqlClient.WEB_CLIENT_ID).contentType("application/json").body("{}").post("/integrity")
                .then().statusCode(400);
        given().contentType("application/json").body("{}").header("X-Device-Id", "0123456789abcdef0123").post("/integrity")
                .then().statusCode(400);
    }

    @Test
    void faultsAndCountersCoverTheNewEndpoints() {
        given().contentType("application/json").body(Map.of("endpoint", "/gql", "error_rate", 1.0, "error_status", 503))
                .put("/emulator/faults").then().statusCode(200);
        anonymous().body(GqlClient.json(op("StreamMetadata", Map.of("channelLogin", "x")))).post("/gql").then().statusCode(503);
        given().delete("/emulator/faults").then().statusCode(200);
        given().contentType("application/json").body(Map.of("endpoint", "/integrity", "rate_limit_storm", true))
                .put("/emulator/faults").then().statusCode(200);
        given().header("Client-Id", GqlClient.WEB_CLIENT_ID).header("X-Device-Id", "0123456789abcdef0123")
                .contentType("application/json").body("{}").post("/integrity").then().statusCode(429);
        Map<String, Object> statuses = given().get("/emulator/counters").then().extract().jsonPath().getMap("statuses");
        assertThat(statuses).containsKeys("/gql", "/integrity");
    }

    @Test
    void channelPageServesAnyLoginAndRefusesMalformedOnes() {
        String page = given().get("/web/Some_Channel").then().statusCode(200).contentType("text/html").extract().asString();
        assertThat(page).contains("\"login\":\"some_channel\"").contains("\"clientId\":\"" + GqlClient.WEB_CLIENT_ID + "\"")
                .contains("id=\"channel\"");
        given().get("/web/not-a-login!").then().statusCode(404);
        given().get("/web/assets/main-0000.js").then().statusCode(404);
    }

    private static List<String> scripts(String page) {
        Matcher m = SCRIPT.matcher(page);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
