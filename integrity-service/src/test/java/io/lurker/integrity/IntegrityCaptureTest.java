package io.lurker.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.GqlEmulatorAdmin;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole browser flow against the emulator: Debian's Chromium, driven by Playwright, opens
 * the channel page, the page's script obtains a token, the service captures and probes it,
 * and the token works for a guarded operation sent from outside the browser. Then a browser
 * crash: the API answers 503 with the reason, and the service recovers by itself.
 */
@QuarkusTest
@WithTestResource(EmulatorTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntegrityCaptureTest {

    private static final List<String> LOG_LINES = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE_LOGS = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOG_LINES.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @ConfigProperty(name = "lurker.test.emulator.url")
    String emulatorUrl;

    @ConfigProperty(name = "lurker.test.emulator.admin-key")
    String adminKey;

    @ConfigProperty(name = "lurker.integrity.redis-prefix")
    String prefix;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void watchLogs() {
        java.util.logging.Logger.getLogger("").addHandler(CAPTURE_LOGS);
    }

    @AfterAll
    static void stopWatching() {
        java.util.logging.Logger.getLogger("").removeHandler(CAPTURE_LOGS);
    }

    private static Response token() {
        return given().auth().oauth2(TestTokens.internal()).get("/api/v1/integrity/token");
    }

    private static JsonPath recapture(JsonPath previous) {
        given().auth().oauth2(TestTokens.internal()).post("/api/v1/integrity/refresh").then().statusCode(202);
        String first = previous.getString("token");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> token().statusCode() == 200 && !first.equals(token().jsonPath().getString("token")));
        return token().then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitToken() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> token().statusCode() == 200);
        return token().then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void aTokenCapturedByChromiumIsAcceptedByTheEmulatorOutsideTheBrowser() {
        // when the start-up capture ended before this class watched the logs (another class started the
        // application), capture once more while watching, so that the log check below has lines to read
        JsonPath token = LOG_LINES.isEmpty() ? recapture(awaitToken()) : awaitToken();
        String userAgent = token.getString("userAgent");
        assertThat(userAgent).contains("Chrome/").doesNotContain("Headless");
        assertThat(token.getString("clientId")).isEqualTo("lurker-emulator-web-client");
        assertThat(token.getString("token")).startsWith("v4.public.");
        Instant expiresAt = Instant.parse(token.getString("expiresAt"));
        assertThat(expiresAt).isAfter(Instant.now().plus(Duration.ofMinutes(50)));

        // stored in Redis under the prefix, until shortly before expiry
        long ttl = redis.key().pttl(prefix + "token");
        assertThat(ttl).isPositive().isLessThan(Duration.between(Instant.now(), expiresAt).toMillis());

        // a guarded operation sent with the captured values from plain HTTP passes the integrity check
        GqlEmulatorAdmin gql = new GqlEmulatorAdmin(emulatorUrl, adminKey);
        long okBefore = gql.integrity().path("checks").path("ok").asLong();
        String login = emulator.truthLiveStreams(null).path("data").get(0).path("user_login").asText();
        String body = "{\"operationName\":\"ClipsCards__User\",\"variables\":{\"login\":\"" + login
                + "\",\"limit\":3,\"criteria\":{\"filter\":\"ALL_TIME\"}},\"extensions\":{\"persistedQuery\":{\"version\":1,"
                + "\"sha256Hash\":\"" + gql.hash("ClipsCards__User") + "\"}}}";
        JsonPath answer = given().baseUri(emulatorUrl).header("Client-Id", token.getString("clientId"))
                .header("Client-Integrity", token.getString("token")).header("X-Device-Id", token.getString("deviceId"))
                .header("User-Agent", userAgent).contentType("text/plain;charset=UTF-8").body(body)
                .post("/gql").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getMap("$")).doesNotContainKey("errors");
        assertThat(answer.getList("data.user.clips.edges")).isNotEmpty();
        JsonNode integrity = gql.integrity();
        assertThat(integrity.path("checks").path("ok").asLong()).isGreaterThan(okBefore);
        assertThat(integrity.path("issued_bad_bot").asLong()).isZero();

        // the service's own log names neither the token nor the device id
        assertThat(LOG_LINES).isNotEmpty().noneMatch(l -> l.contains(token.getString("token"))
                || l.contains(token.getString("deviceId")));
    }

    @Test
    @Order(2)
    void aBrowserCrashLeavesTheServiceUpAndItRecoversByItself() {
        awaitToken();
        long pagesBefore = emulator.requests("/web");
        // the page's integrity call now hangs long enough to kill the browser in the middle of a capture
        emulator.setFault("/integrity", 0, 0, 20_000, false);
        try {
            given().auth().oauth2(TestTokens.internal()).post("/api/v1/integrity/refresh").then().statusCode(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> emulator.requests("/web") > pagesBefore);
            List<ProcessHandle> browsers = chromium();
            assertThat(browsers).isNotEmpty();
            browsers.forEach(ProcessHandle::destroyForcibly);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Response r = token();
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.jsonPath().getString("detail")).contains("capture failed").contains("browser");
            });
            given().get("/q/health/ready").then().statusCode(200);
            JsonPath status = given().auth().oauth2(TestTokens.admin()).get("/api/v1/integrity/status").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(status.getString("lastFailure")).contains("browser");
            assertThat(status.getBoolean("tokenPresent")).isFalse();
        } finally {
            emulator.clearFaults();
        }
        // the next scheduled check captures again, without a restart
        JsonPath recovered = awaitToken();
        assertThat(recovered.getString("token")).startsWith("v4.public.");
        await().atMost(Duration.ofSeconds(30)).until(() -> chromium().isEmpty());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("lurker_integrity_captures_total").contains("lurker_integrity_capture_failures_total")
                .contains("lurker_integrity_token_age_seconds");
        assertThat(counter(metrics, "lurker_integrity_capture_failures_total")).isGreaterThanOrEqualTo(1);
        assertThat(counter(metrics, "lurker_integrity_captures_total")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyEndpointNeedsTheRightRole() {
        for (String path : List.of("/api/v1/integrity/token", "/api/v1/integrity/status")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.read()).get(path).then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.expired("internal")).get(path).then().statusCode(401);
        }
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/integrity/token").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/integrity/status").then().statusCode(200);
        given().auth().oauth2(TestTokens.internal()).get("/api/v1/integrity/status").then().statusCode(200);
        int status = token().statusCode();
        assertThat(status).isIn(200, 503);
        given().post("/api/v1/integrity/refresh").then().statusCode(401);
        given().auth().oauth2(TestTokens.read()).post("/api/v1/integrity/refresh").then().statusCode(403);
    }

    /** Chromium's browser processes (not its renderers) started by this JVM's Playwright driver. */
    private static List<ProcessHandle> chromium() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chromium")).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> !c.contains("--type=")).orElse(false))
                .toList();
    }

    private static double counter(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    static Map<String, String> unused() {
        return Map.of();
    }
}
