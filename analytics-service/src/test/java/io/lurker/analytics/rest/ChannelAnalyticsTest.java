package io.lurker.analytics.rest;

import static io.lurker.analytics.testing.Fixtures.live;
import static io.lurker.analytics.testing.Fixtures.poll;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.lurker.analytics.testing.AnalyticsTestResources;
import io.lurker.analytics.testing.Broker;
import io.lurker.analytics.testing.Db;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.Schema;
import io.lurker.contracts.catalog.ChannelBatch;
import io.lurker.contracts.catalog.ChannelRecord;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed fixture (poll interval 60 s, gap threshold 120 s), channel live 10:00–10:07:
 * <pre>
 * 10:00 live 100 game A   → counts 60 s (next poll 10:01)
 * 10:01 live 200 game A   → counts 60 s
 * 10:02 live 300 game B   → next poll 10:06: 240 s gap > 120 s = missing data
 * 10:06 live 100 game B, new title → counts 60 s
 * 10:07 offline           → counts 60 s as covered, not live
 * 10:08 offline           → no next poll: nothing
 * </pre>
 * Window [10:00, 10:10): live 180 s, viewer-seconds 100·60 + 200·60 + 100·60 = 24,000, so
 * hours watched 6.67, average 24,000 ÷ 180 = 133.33 (not the sample mean 175), covered 240 of
 * 600 s = 40 %, peak 300 at 10:02. Followers 1,000 before the window, 1,030 at its end: 30
 * gained, 600 per live hour.
 */
@QuarkusTest
@QuarkusTestResource(AnalyticsTestResources.class)
class ChannelAnalyticsTest {

    static final String ID = "chan-" + UUID.randomUUID().toString().substring(0, 8);
    static final String LOGIN = "fixture" + ID.substring(5);
    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    static final String WINDOW = "from=2026-03-02T10:00:00Z&to=2026-03-02T10:10:00Z";
    static boolean loaded;

    @BeforeAll
    static void load() throws Exception {
        io.lurker.analytics.testing.Api.decimalsAsDoubles();
        if (loaded) {
            return;
        }
        try (Broker broker = new Broker()) {
            List<String> polled = List.of(ID);
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, poll(T, 60, polled,
                    List.of(live(ID, LOGIN, "s1", 100, "A", "Game A", "first", T.minusSeconds(30)))));
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, poll(T.plusSeconds(60), 60, polled,
                    List.of(live(ID, LOGIN, "s1", 200, "A", "Game A", "first", T.minusSeconds(30)))));
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, poll(T.plusSeconds(120), 60, polled,
                    List.of(live(ID, LOGIN, "s1", 300, "B", "Game B", "first", T.minusSeconds(30)))));
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, poll(T.plusSeconds(360), 60, polled,
                    List.of(live(ID, LOGIN, "s1", 100, "B", "Game B", "second", T.minusSeconds(30)))));
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, poll(T.plusSeconds(420), 60, polled, List.of()));
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, poll(T.plusSeconds(480), 60, polled, List.of()));
            broker.publish(RoutingKeys.CATALOG_CHANNEL, new ChannelBatch(Schema.CURRENT, "b1", T, List.of(
                    followers(T.minusSeconds(300), 1000), followers(T.plusSeconds(300), 1010),
                    followers(T.plusSeconds(540), 1030))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count("SELECT count(*) FROM stream_snapshot WHERE channel_id = ?", ID) == 6
                        && Db.count("SELECT count(*) FROM channel_follower_sample WHERE channel_id = ?", ID) == 3
                        // the two offline polls are consumed in either order: wait for the first of them to end it
                        && Db.count("SELECT count(*) FROM stream_session WHERE stream_id = 's1' AND ended_at = ?",
                                java.time.OffsetDateTime.parse("2026-03-02T10:07:00Z")) == 1);
        loaded = true;
    }

    private static ChannelRecord followers(Instant at, long total) {
        return new ChannelRecord(ID, LOGIN, LOGIN.toUpperCase(), "partner", "", null, null, "en", "B", "Game B",
                "second", List.of(), total, List.of(new ChannelRecord.TeamRef("t1", "team", "Team One")), true, at);
    }

    @Test
    void summaryIsTimeWeightedAndTreatsGapsAsMissing() {
        given().auth().oauth2(TestTokens.read()).get("/api/v1/channels/" + LOGIN + "/summary?" + WINDOW)
                .then().statusCode(200)
                .body("channel.id", equalTo(ID))
                .body("current.averageViewers", closeTo(133.33, 0.01))
                .body("current.hoursWatched", closeTo(6.67, 0.01))
                .body("current.airtimeHours", closeTo(0.05, 0.001))
                .body("current.peakViewers", equalTo(300))
                .body("current.peakAt", equalTo("2026-03-02T10:02:00Z"))
                .body("current.streams", equalTo(1))
                .body("current.followersGained", equalTo(30))
                .body("current.followersPerHour", closeTo(600.0, 0.01))
                .body("current.coveragePercent", closeTo(40.0, 0.01))
                .body("previous.averageViewers", nullValue())
                .body("previous.hoursWatched", closeTo(0.0, 0.001))
                .body("methodology.sampleIntervalSeconds", equalTo(60))
                .body("methodology.gapThresholdSeconds", equalTo(120))
                .body("methodology.coveragePercent", closeTo(40.0, 0.01))
                .body("methodology.trackedSince", equalTo("2026-03-02T10:00:00Z"))
                .body("methodology.averageMethod", startsWith("time-weighted"));
    }

    @Test
    void viewerSeriesSplitsIntervalsIntoBucketsAndMarksChanges() {
        given().auth().oauth2(TestTokens.read())
                .get("/api/v1/channels/" + LOGIN + "/viewers?" + WINDOW + "&granularity=5m")
                .then().statusCode(200)
                .body("points", hasSize(2))
                .body("points[0].start", equalTo("2026-03-02T10:00:00Z"))
                .body("points[0].averageViewers", closeTo(150.0, 0.01))
                .body("points[0].peakViewers", equalTo(300))
                .body("points[0].liveMinutes", closeTo(2.0, 0.01))
                .body("points[0].coveragePercent", closeTo(40.0, 0.01))
                .body("points[1].averageViewers", closeTo(100.0, 0.01))
                .body("points[1].coveragePercent", closeTo(40.0, 0.01))
                .body("markers.kind", equalTo(List.of("online", "game_change", "title_change")))
                .body("markers[1].previousGameName", equalTo("Game A"))
                .body("markers[2].title", equalTo("second"));
    }

    @Test
    void viewerSeriesAsCsvHasAHeaderAndOneRowPerBucket() {
        String csv = given().auth().oauth2(TestTokens.read())
                .get("/api/v1/channels/" + LOGIN + "/viewers?" + WINDOW + "&granularity=5m&format=csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "start,averageViewers,peakViewers,liveMinutes,coveragePercent",
                "2026-03-02T10:00:00Z,150.0,300,2.0,40.0",
                "2026-03-02T10:05:00Z,100.0,100,1.0,40.0");
    }

    @Test
    void timePerGameComesFromRealIntervals() {
        given().auth().oauth2(TestTokens.read()).get("/api/v1/channels/" + LOGIN + "/games?" + WINDOW)
                .then().statusCode(200)
                .body("games.gameId", equalTo(List.of("A", "B")))
                .body("games[0].hours", closeTo(0.03, 0.001))
                .body("games[0].averageViewers", closeTo(150.0, 0.01))
                .body("games[0].sharePercent", closeTo(66.67, 0.01))
                .body("games[1].averageViewers", closeTo(100.0, 0.01));
    }

    @Test
    void sessionsHoldTheirSegments() {
        given().auth().oauth2(TestTokens.read()).get("/api/v1/channels/" + LOGIN + "/sessions?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z")
                .then().statusCode(200)
                .body("sessions", hasSize(1))
                .body("sessions[0].streamId", equalTo("s1"))
                .body("sessions[0].endedAt", equalTo("2026-03-02T10:07:00Z"))
                .body("sessions[0].averageViewers", closeTo(133.33, 0.01))
                .body("sessions[0].peakViewers", equalTo(300))
                .body("sessions[0].missingHours", closeTo(0.07, 0.001))
                .body("sessions[0].segments.gameId", equalTo(List.of("A", "B")))
                .body("sessions[0].segments[0].end", equalTo("2026-03-02T10:02:00Z"))
                .body("sessions[0].segments[1].end", equalTo("2026-03-02T10:07:00Z"));
    }

    @Test
    void comparisonAndHeatmapUseTheSameNumbers() {
        given().auth().oauth2(TestTokens.read()).get("/api/v1/channels/compare?login=" + LOGIN + "&" + WINDOW)
                .then().statusCode(200)
                .body("channels[0].followers", equalTo(1030))
                .body("channels[0].averageViewers", closeTo(133.33, 0.01))
                .body("channels[0].teams", equalTo(List.of("Team One")))
                .body("channels[0].hasSchedule", equalTo(true));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/channels/" + LOGIN + "/heatmap?" + WINDOW)
                .then().statusCode(200)
                .body("cells", hasSize(1))
                .body("cells[0].weekday", equalTo(1))
                .body("cells[0].hour", equalTo(10))
                .body("cells[0].averageViewers", closeTo(133.33, 0.01));
    }

    @Test
    void badInputIsNamed() {
        String base = "/api/v1/channels/" + LOGIN + "/viewers?";
        given().auth().oauth2(TestTokens.read()).get(base + "granularity=2m").then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("granularity"));
        given().auth().oauth2(TestTokens.read()).get(base + "from=yesterday").then().statusCode(400)
                .body("parameter", equalTo("from"));
        given().auth().oauth2(TestTokens.read()).get(base + "from=2026-03-02T10:00:00Z&to=2026-03-01T10:00:00Z")
                .then().statusCode(400).body("parameter", equalTo("to"));
        given().auth().oauth2(TestTokens.read()).get(base + "from=90d&granularity=1m").then().statusCode(400)
                .body("parameter", equalTo("granularity"));
        given().auth().oauth2(TestTokens.read()).get(base + "format=xml").then().statusCode(400)
                .body("parameter", equalTo("format"));
        given().auth().oauth2(TestTokens.read()).get(base + "from=x'%3B%20DROP%20TABLE%20channel%3B--")
                .then().statusCode(400).body("parameter", equalTo("from"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/channels/nobody'--/summary").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.read()).get("/api/v1/channels/compare").then().statusCode(400)
                .body("parameter", equalTo("login"));
        given().get("/api/v1/channels/" + LOGIN + "/summary").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/channels/" + LOGIN + "/summary").then().statusCode(403);
    }
}
