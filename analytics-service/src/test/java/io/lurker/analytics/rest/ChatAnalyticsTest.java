package io.lurker.analytics.rest;

import static io.lurker.analytics.testing.Fixtures.author;
import static io.lurker.analytics.testing.Fixtures.emote;
import static io.lurker.analytics.testing.Fixtures.message;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.lurker.analytics.testing.AnalyticsTestResources;
import io.lurker.analytics.testing.Api;
import io.lurker.analytics.testing.Broker;
import io.lurker.analytics.testing.Db;
import io.lurker.analytics.testing.Fixtures;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.Schema;
import io.lurker.contracts.catalog.ChannelBatch;
import io.lurker.contracts.catalog.ChannelRecord;
import io.lurker.contracts.catalog.ClipBatch;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.contracts.catalog.VodBatch;
import io.lurker.contracts.catalog.VodRecord;
import io.lurker.contracts.chat.ChatAuthor;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.EmoteOccurrence;
import io.lurker.contracts.chat.EmoteProvider;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chat fixture, 2026-03-03 from 12:00 UTC: minutes 0–9 two messages each (u1 — a subscriber —
 * and u2); minute 10 a burst of 20 (u1–u5, four each, every one with Kappa, u3's also with the
 * 7TV catJAM); minute 11 two (u1, u2). 42 messages, 5 chatters, 15 subscriber messages; Kappa
 * 20 uses by 5 users, catJAM 4 by 1 (shares 83.33 % and 16.67 %). A clip at 12:10:30 and a VOD
 * started 11:55 lie under the burst.
 */
@QuarkusTest
@QuarkusTestResource(AnalyticsTestResources.class)
class ChatAnalyticsTest {

    static final String ID = "chat-" + UUID.randomUUID().toString().substring(0, 8);
    static final String LOGIN = "chatfix" + ID.substring(5);
    static final Instant M0 = Instant.parse("2026-03-03T12:00:00Z");
    static final String WINDOW = "from=2026-03-03T12:00:00Z&to=2026-03-03T12:12:00Z";

    @BeforeAll
    static void load() throws Exception {
        Api.decimalsAsDoubles();
        List<ChatAuthor> users = new ArrayList<>();
        for (int u = 1; u <= 5; u++) {
            users.add(author(ID + "-u" + u, u == 1, false, false));
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            messages.add(message(UUID.randomUUID().toString(), ID, LOGIN, users.get(0), "hello", M0.plusSeconds(60L * m + 5), 0, List.of()));
            messages.add(message(UUID.randomUUID().toString(), ID, LOGIN, users.get(1), "hi", M0.plusSeconds(60L * m + 6), 0, List.of()));
        }
        for (int u = 0; u < 5; u++) {
            for (int k = 0; k < 4; k++) {
                List<EmoteOccurrence> emotes = u == 2
                        ? List.of(emote(EmoteProvider.TWITCH, "25", "Kappa", 1), emote(EmoteProvider.SEVENTV, "7t", "catJAM", 1))
                        : List.of(emote(EmoteProvider.TWITCH, "25", "Kappa", 1));
                messages.add(message(UUID.randomUUID().toString(), ID, LOGIN, users.get(u), "Kappa pog",
                        M0.plusSeconds(600 + 10L * u + k), 0, emotes));
            }
        }
        messages.add(message(UUID.randomUUID().toString(), ID, LOGIN, users.get(0), "calm", M0.plusSeconds(665), 0, List.of()));
        messages.add(message(UUID.randomUUID().toString(), ID, LOGIN, users.get(1), "again", M0.plusSeconds(666), 0, List.of()));
        try (Broker broker = new Broker()) {
            broker.publish(RoutingKeys.CATALOG_CHANNEL, new ChannelBatch(Schema.CURRENT, "c", M0, List.of(
                    new ChannelRecord(ID, LOGIN, LOGIN, "", "", null, null, "en", null, null, null, List.of(), null, null,
                            null, M0))));
            broker.publish(RoutingKeys.chatMessage(LOGIN), Fixtures.batch(LOGIN, messages.subList(0, 25)));
            broker.publish(RoutingKeys.chatMessage(LOGIN), Fixtures.batch(LOGIN, messages.subList(25, messages.size())));
            broker.publish(RoutingKeys.CATALOG_CLIP, new ClipBatch(Schema.CURRENT, "k", M0.plusSeconds(3600), List.of(
                    new ClipRecord("clip-" + ID, "https://clips/x", "", ID, LOGIN, "c1", "clipper", "", "g", "en",
                            "the burst", 42, M0.plusSeconds(630), "", 30.0, null, false))));
            broker.publish(RoutingKeys.CATALOG_VOD, new VodBatch(Schema.CURRENT, "v", M0.plusSeconds(7200), List.of(
                    new VodRecord("vod-" + ID, "s", ID, LOGIN, LOGIN, "stream", "", M0.minusSeconds(300), M0, "https://v",
                            "", "public", 10, "en", "archive", "1h0m0s", 3600, List.of(new VodRecord.MutedSegment(0, 180)),
                            List.of(new VodRecord.VodChapter(0, 3600, "g", "Game", "Game"))))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count("SELECT count(*) FROM chat_message WHERE channel_id = ?", ID) == 42
                        && Db.count("SELECT count(*) FROM vod WHERE user_id = ?", ID) == 1
                        && Db.count("SELECT count(*) FROM clip WHERE broadcaster_id = ?", ID) == 1
                        && Db.count("SELECT count(*) FROM channel WHERE channel_id = ?", ID) == 1);
    }

    @Test
    void activityByHourAndPerMinuteMetrics() {
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/activity?" + WINDOW)
                .then().statusCode(200)
                .body("hours", hasSize(1))
                .body("hours[0].messages", equalTo(42)).body("hours[0].uniqueChatters", equalTo(5))
                .body("hours[0].subscriberMessages", equalTo(15));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/metrics?" + WINDOW + "&granularity=1m")
                .then().statusCode(200)
                .body("messages", equalTo(42)).body("uniqueChatters", equalTo(5))
                .body("points", hasSize(12))
                .body("points[10].messages", equalTo(20)).body("points[10].uniqueChatters", equalTo(5))
                .body("points[10].messagesPerChatter", closeTo(4.0, 0.001))
                .body("points[10].emoteDensity", closeTo(1.2, 0.001))
                .body("points[0].messagesPerMinute", closeTo(2.0, 0.001));
    }

    @Test
    void emoteRankingCountsUsesUsersAndShare() {
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/emotes?" + WINDOW)
                .then().statusCode(200)
                .body("emotes.name", equalTo(List.of("Kappa", "catJAM")))
                .body("emotes[0].uses", equalTo(20)).body("emotes[0].uniqueUsers", equalTo(5))
                .body("emotes[0].sharePercent", closeTo(83.33, 0.01))
                .body("emotes[1].provider", equalTo("7tv")).body("emotes[1].uniqueUsers", equalTo(1))
                .body("emotes[1].sharePercent", closeTo(16.67, 0.01))
                .body("emotes[1].shareOfProviderPercent", closeTo(100.0, 0.01));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/emotes?provider=seventv&" + WINDOW)
                .then().statusCode(200).body("emotes.name", equalTo(List.of("catJAM")));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/emotes?provider=discord")
                .then().statusCode(400).body("parameter", equalTo("provider"));
    }

    @Test
    void topChattersLogsAndSearch() {
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/chatters?" + WINDOW + "&limit=2")
                .then().statusCode(200)
                .body("chatters.userId", equalTo(List.of(ID + "-u1", ID + "-u2")))
                .body("chatters.messages", equalTo(List.of(15, 15)));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/logs?date=2026-03-03&user=user" + ID + "-u3")
                .then().statusCode(200).body("messages", hasSize(4)).body("messages.text", everyItem(equalTo("Kappa pog")));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/logs?date=2026-03-03&limit=30")
                .then().statusCode(200).body("messages", hasSize(30)).body("next", equalTo("2026-03-03T12:10:21Z"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/logs?date=yesterday")
                .then().statusCode(400).body("parameter", equalTo("date"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/search?q=POG&" + WINDOW)
                .then().statusCode(200).body("messages", hasSize(20));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/search?" + WINDOW)
                .then().statusCode(400).body("parameter", equalTo("q"));
    }

    @Test
    void highlightsFindTheBurstWithItsEmotesClipAndVodOffset() {
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/highlights?" + WINDOW)
                .then().statusCode(200)
                .body("highlights", hasSize(1))
                .body("highlights[0].start", equalTo("2026-03-03T12:10:00Z"))
                .body("highlights[0].peak", equalTo("2026-03-03T12:10:00Z"))
                .body("highlights[0].end", equalTo("2026-03-03T12:10:00Z"))
                .body("highlights[0].peakMessagesPerMinute", equalTo(20))
                .body("highlights[0].baseline", closeTo(2.0, 0.001))
                .body("highlights[0].score", closeTo(18.0, 0.001))
                .body("highlights[0].topEmotes[0].name", equalTo("Kappa"))
                .body("highlights[0].clips[0].id", equalTo("clip-" + ID))
                .body("highlights[0].vodId", equalTo("vod-" + ID))
                .body("highlights[0].vodOffsetSeconds", equalTo(900));
        given().auth().oauth2(TestTokens.read())
                .get("/api/v1/chat/" + LOGIN + "/highlights?" + WINDOW + "&method=ratio&threshold=15")
                .then().statusCode(200).body("highlights", hasSize(0));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/" + LOGIN + "/highlights?method=magic")
                .then().statusCode(400).body("parameter", equalTo("method"));
    }

    @Test
    void vodsClipsAndSummaryOfTheChannel() {
        given().auth().oauth2(TestTokens.read()).get("/api/v1/vods?login=" + LOGIN + "&from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z")
                .then().statusCode(200).body("vods", equalTo(1)).body("withMutedAudio", equalTo(1))
                .body("items[0].mutedPercent", closeTo(5.0, 0.001)).body("averageHours", closeTo(1.0, 0.001));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/vods/vod-" + ID + "/chapters")
                .then().statusCode(200).body("chapters[0].gameName", equalTo("Game"));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/vods/nope/chapters").then().statusCode(404);
        given().auth().oauth2(TestTokens.read()).get("/api/v1/clips/top?login=" + LOGIN + "&from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z")
                .then().statusCode(200).body("clips[0].id", equalTo("clip-" + ID)).body("clips[0].viewsPerDay", closeTo(42.0, 0.001));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/clips/clip-" + ID + "/trajectory")
                .then().statusCode(200).body("samples[0].views", equalTo(42));
        given().auth().oauth2(TestTokens.read()).get("/api/v1/clips/nope/trajectory").then().statusCode(404);
        // one sample, 42 views 49.5 min after creation: 42 ÷ 0.825 h
        given().auth().oauth2(TestTokens.read()).get("/api/v1/clips/velocity?from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z")
                .then().statusCode(200).body("clips[0].id", equalTo("clip-" + ID))
                .body("clips[0].viewsPerHour", closeTo(50.91, 0.01));
    }

    @Test
    void everyChatEndpointWantsTheReadRole() {
        for (String path : List.of("activity", "metrics", "emotes", "chatters", "logs?date=2026-03-03", "search?q=x",
                "highlights")) {
            given().get("/api/v1/chat/" + LOGIN + "/" + path).then().statusCode(401);
            given().auth().oauth2(TestTokens.internal()).get("/api/v1/chat/" + LOGIN + "/" + path).then().statusCode(403);
        }
        given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/nosuchchannel/activity").then().statusCode(404);
    }

    @Test
    void erasureRemovesTheUserFromRawAndDerivedData() {
        String victim = ID + "-u3";
        given().auth().oauth2(TestTokens.read()).delete("/api/v1/chat/users/" + victim).then().statusCode(403);
        given().delete("/api/v1/chat/users/" + victim).then().statusCode(401);
        // a second fixture channel shares nothing with u3; erase u3 from this one
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/chat/users/" + victim)
                .then().statusCode(200).body("messages", equalTo(4));
        assertThat(Db.count("SELECT count(*) FROM chat_message WHERE user_id = ?", victim)).isZero();
        assertThat(Db.count("SELECT count(*) FROM chat_minute_chatter WHERE user_id = ?", victim)).isZero();
        assertThat(Db.count("SELECT count(*) FROM chat_emote_user_day WHERE user_id = ?", victim)).isZero();
        // every rollup equals a recomputation from the messages that remain
        assertThat(Db.count("""
                SELECT count(*) FROM chat_minute r FULL JOIN (
                    SELECT channel_id, date_trunc('minute', sent_at) AS minute, count(*) AS n,
                           count(DISTINCT user_id) AS u, count(*) FILTER (WHERE subscriber) AS s
                    FROM chat_message WHERE channel_id = ? GROUP BY 1, 2) m USING (channel_id, minute)
                WHERE (r.channel_id = ? OR m.channel_id = ?)
                  AND (r.messages IS DISTINCT FROM m.n OR r.unique_chatters IS DISTINCT FROM m.u
                       OR r.subscriber_messages IS DISTINCT FROM m.s)""", ID, ID, ID)).isZero();
        assertThat(Db.count("SELECT count(*) FROM chat_emote_minute WHERE channel_id = ? AND provider = '7tv'", ID)).isZero();
        assertThat(Db.count("SELECT uses FROM chat_emote_minute WHERE channel_id = ? AND emote_id = '25'", ID)).isEqualTo(16);
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/chat/users/" + victim).then().statusCode(404);
    }
}
