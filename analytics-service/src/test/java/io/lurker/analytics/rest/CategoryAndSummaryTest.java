package io.lurker.analytics.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.lurker.analytics.repository.PartitionedTable;
import io.lurker.analytics.service.ChatIngestService;
import io.lurker.analytics.service.PartitionMaintainer;
import io.lurker.analytics.testing.AnalyticsTestResources;
import io.lurker.analytics.testing.Api;
import io.lurker.analytics.testing.Broker;
import io.lurker.analytics.testing.Db;
import io.lurker.analytics.testing.Fixtures;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.Schema;
import io.lurker.contracts.catalog.CategoryBatch;
import io.lurker.contracts.catalog.CategorySnapshot;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(AnalyticsTestResources.class)
class CategoryAndSummaryTest {

    @Inject
    PartitionMaintainer partitions;

    @Inject
    ChatIngestService chat;

    /**
     * Game g1: 1,000 viewers 24 h ago, 9,000 at 23 h ago (a snapshot of another moment the seed's
     * query could pick up), 3,000 now → +2,000. Game g2: 100 → 400, +300 (+300 %).
     */
    @Test
    void trendingComparesEachGameWithItsOwnSnapshot() throws Exception {
        Api.decimalsAsDoubles();
        String g1 = "g1-" + UUID.randomUUID().toString().substring(0, 6);
        String g2 = "g2-" + UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        try (Broker broker = new Broker()) {
            broker.publish(RoutingKeys.CATALOG_CATEGORY, categories(now.minus(Duration.ofHours(24)),
                    snapshot(1, g1, 1000, 10), snapshot(2, g2, 100, 2)));
            broker.publish(RoutingKeys.CATALOG_CATEGORY, categories(now.minus(Duration.ofHours(23)),
                    snapshot(1, g1, 9000, 10)));
            broker.publish(RoutingKeys.CATALOG_CATEGORY, categories(now, snapshot(1, g1, 3000, 30), snapshot(2, g2, 400, 4)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Db.count("SELECT count(*) FROM category_snapshot WHERE game_id IN (?, ?)", g1, g2) == 5);
        List<java.util.Map<String, Object>> rows = given().auth().oauth2(TestTokens.read())
                .get("/api/v1/categories/trending?hours=24&limit=100").then().statusCode(200)
                .body("methodology.averageMethod", containsString("own poll")).extract().jsonPath().getList("categories");
        assertThat(rows).filteredOn(r -> g1.equals(r.get("gameId"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("viewersBefore", 1000).containsEntry("viewerChange", 2000));
        assertThat(rows).filteredOn(r -> g2.equals(r.get("gameId"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("viewerChange", 300).containsEntry("viewerChangePercent", 300.0));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/categories/top?limit=100").then().statusCode(200)
                .body("categories.find { it.gameId == '" + g1 + "' }.viewersPerStream", closeTo(100.0, 0.001));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/categories/trending?hours=0").then().statusCode(400)
                .body("parameter", equalTo("hours"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/categories/trending?limit=abc").then().statusCode(400)
                .body("parameter", equalTo("limit"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/categories/nope/summary").then().statusCode(404);
    }

    /**
     * Polls every 10 min: 100 viewers / 10 channels, then 200 / 20, then 300 / 30 at the end of the
     * window [T, T+20 min): hours watched (100·600 + 200·600) / 3600 = 50, hours streamed 5,
     * average viewers 150, average channels 15, ratio 10. The 15-min bucket 08:00 holds 100 for 600 s
     * and 200 for 300 s: 133.33 viewers, 13.33 channels.
     */
    @Test
    void categorySummaryIsTimeWeighted() throws Exception {
        Api.decimalsAsDoubles();
        String g = "gs-" + UUID.randomUUID().toString().substring(0, 6);
        Instant t = Instant.parse("2026-03-04T08:00:00Z");
        try (Broker broker = new Broker()) {
            broker.publish(RoutingKeys.CATALOG_CATEGORY, categories(t, snapshot(1, g, 100, 10)));
            broker.publish(RoutingKeys.CATALOG_CATEGORY, categories(t.plusSeconds(600), snapshot(1, g, 200, 20)));
            broker.publish(RoutingKeys.CATALOG_CATEGORY, categories(t.plusSeconds(1200), snapshot(1, g, 300, 30)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Db.count("SELECT count(*) FROM category_snapshot WHERE game_id = ?", g) == 3);
        given().auth().oauth2(TestTokens.read())
                .get("/api/v1/categories/" + g + "/summary?from=2026-03-04T08:00:00Z&to=2026-03-04T08:20:00Z")
                .then().statusCode(200)
                .body("hoursWatched", closeTo(50.0, 0.001)).body("hoursStreamed", closeTo(5.0, 0.001))
                .body("averageViewers", closeTo(150.0, 0.001)).body("averageChannels", closeTo(15.0, 0.001))
                .body("viewersPerChannel", closeTo(10.0, 0.001)).body("peakViewers", equalTo(200))
                .body("methodology.sampleIntervalSeconds", equalTo(600))
                .body("methodology.coveragePercent", closeTo(100.0, 0.001));
        given().auth().oauth2(TestTokens.read())
                .get("/api/v1/categories/" + g + "/series?from=2026-03-04T08:00:00Z&to=2026-03-04T08:20:00Z&granularity=15m&format=csv")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("start,averageViewers,averageChannels,peakViewers,coveragePercent"))
                .body(containsString("2026-03-04T08:00:00Z,133.33,13.33,200,100.0"));
    }

    @Test
    void collectionSummaryAsJsonAndText() {
        given().auth().oauth2(TestTokens.read()).get("/api/v1/summary?from=7d").then().statusCode(200)
                .body("scope", equalTo("watchlist")).body("methodology.note", containsString("window"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/summary?format=text").then().statusCode(200)
                .contentType(containsString("text/plain")).body(containsString("Collection summary — watchlist"))
                .body(containsString("Chat messages:"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/summary?format=pdf").then().statusCode(400)
                .body("parameter", equalTo("format"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/summary?gameId=none").then().statusCode(404);
        given().get("/api/v1/summary").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/summary").then().statusCode(403);
    }

    @Test
    void partitionsAreMadeAheadAndDroppedPastRetention() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(Db.count("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?",
                "chat_message_p" + today.plusDays(3).toString().replace("-", ""))).isEqualTo(1);
        String channel = "old-" + UUID.randomUUID().toString().substring(0, 6);
        Instant old = Instant.now().minus(Duration.ofDays(200));
        Instant recent = Instant.now().minus(Duration.ofDays(1));
        chat.storeMessages(List.of(Fixtures.message(channel, "oldchan", "u1", "old", old),
                Fixtures.message(channel, "oldchan", "u1", "recent", recent)), null);
        String oldPartition = "chat_message_p" + LocalDate.ofInstant(old, ZoneOffset.UTC).toString().replace("-", "");
        assertThat(Db.count("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?",
                oldPartition)).isEqualTo(1);
        assertThat(partitions.dropExpired()).isGreaterThanOrEqualTo(PartitionedTable.values().length - 2);
        assertThat(Db.count("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?",
                oldPartition)).isZero();
        assertThat(Db.rows("SELECT text FROM chat_message WHERE channel_id = ?", channel))
                .extracting(r -> r.get("text")).containsExactly("recent");
        assertThat(Db.count("SELECT sum(messages) FROM chat_minute WHERE channel_id = ?", channel)).isEqualTo(1);
    }

    private static CategoryBatch categories(Instant at, CategorySnapshot... snapshots) {
        return new CategoryBatch(Schema.CURRENT, UUID.randomUUID().toString(), at, List.of(snapshots));
    }

    private static CategorySnapshot snapshot(int rank, String gameId, long viewers, int streams) {
        return new CategorySnapshot(rank, gameId, "Game " + gameId, "", "", viewers, streams);
    }
}
