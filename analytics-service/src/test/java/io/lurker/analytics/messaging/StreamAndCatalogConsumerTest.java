package io.lurker.analytics.messaging;

import static io.lurker.analytics.testing.Fixtures.live;
import static io.lurker.analytics.testing.Fixtures.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import io.lurker.analytics.testing.AnalyticsTestResources;
import io.lurker.analytics.testing.Broker;
import io.lurker.analytics.testing.Db;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.Schema;
import io.lurker.contracts.catalog.ClipBatch;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.contracts.catalog.ClipViewsBatch;
import io.lurker.contracts.catalog.ClipViewsSample;
import io.lurker.contracts.stream.StreamEvent;
import io.lurker.contracts.stream.StreamEventKind;
import io.lurker.contracts.stream.StreamSnapshotBatch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stream and catalog events through the real broker: duplicates change nothing, late samples roll nothing back. */
@QuarkusTest
@QuarkusTestResource(AnalyticsTestResources.class)
class StreamAndCatalogConsumerTest {

    private static final Instant T = Instant.parse("2026-03-05T18:00:00Z");

    /**
     * Polls are consumed in any order: an offline poll stored after a later one still moves the
     * broadcast's end back to it (before, the session counted as ended and the earlier poll was ignored).
     */
    @Test
    void anEarlierOfflinePollStoredLastStillEndsTheBroadcast() throws Exception {
        String channel = "so-" + UUID.randomUUID().toString().substring(0, 8);
        String stream = "st-" + channel;
        List<String> polled = List.of(channel);
        try (Broker broker = new Broker()) {
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, poll(T, 60, polled,
                    List.of(live(channel, "streamer" + channel.substring(3), stream, 100, "g", "Game", "t", T.minusSeconds(600)))));
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, poll(T.plusSeconds(120), 60, polled, List.of()));
            await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(
                    "SELECT count(*) FROM stream_session WHERE stream_id = ? AND ended_at = ?", stream,
                    java.time.OffsetDateTime.ofInstant(T.plusSeconds(120), java.time.ZoneOffset.UTC)) == 1);
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, poll(T.plusSeconds(60), 60, polled, List.of()));
            await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(
                    "SELECT count(*) FROM stream_session WHERE stream_id = ? AND ended_at = ?", stream,
                    java.time.OffsetDateTime.ofInstant(T.plusSeconds(60), java.time.ZoneOffset.UTC)) == 1);
        }
    }

    @Test
    void duplicatePollsAndEventsAreStoredOnce() throws Exception {
        String channel = "sc-" + UUID.randomUUID().toString().substring(0, 8);
        String other = channel + "-off";
        StreamSnapshotBatch first = poll(T, 60, List.of(channel, other),
                List.of(live(channel, "streamer" + channel.substring(3), "st-" + channel, 500, "g", "Game", "t", T.minusSeconds(600))));
        StreamSnapshotBatch second = poll(T.plusSeconds(60), 60, List.of(channel, other),
                List.of(live(channel, "streamer" + channel.substring(3), "st-" + channel, 700, "g", "Game", "t", T.minusSeconds(600))));
        StreamEvent online = new StreamEvent(Schema.CURRENT, "st-" + channel + ":online", StreamEventKind.ONLINE, channel,
                "streamer", "st-" + channel, T.minusSeconds(600), "g", "Game", "t", null, null, null);
        try (Broker broker = new Broker()) {
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, first);
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, first);
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, second);
            broker.publish(RoutingKeys.STREAM_EVENT, online);
            broker.publish(RoutingKeys.STREAM_EVENT, online);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    Db.count("SELECT count(*) FROM stream_snapshot WHERE channel_id IN (?, ?)", channel, other) == 4
                            && Db.count("SELECT count(*) FROM stream_event WHERE channel_id = ?", channel) == 1
                            && Db.count("SELECT samples FROM stream_session WHERE stream_id = ?", "st-" + channel) == 2);
            broker.publish(RoutingKeys.STREAM_SNAPSHOT, second);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                    Db.count("SELECT count(*) FROM stream_snapshot WHERE channel_id IN (?, ?)", channel, other) == 4);
        }
        // the channel not in 'live' was polled: stored as offline, not missing
        assertThat(Db.rows("SELECT live, viewer_count FROM stream_snapshot WHERE channel_id = ? ORDER BY sampled_at", other))
                .allSatisfy(r -> assertThat(r).containsEntry("live", false));
        assertThat(Db.rows("SELECT peak_viewers, live_seconds, viewer_seconds FROM stream_session WHERE stream_id = ?",
                "st-" + channel).get(0))
                .containsEntry("peak_viewers", 700).containsEntry("live_seconds", 60.0).containsEntry("viewer_seconds", 30000.0);
        assertThat(Db.count("SELECT count(*) FROM channel WHERE channel_id = ? AND login = ?", channel,
                "streamer" + channel.substring(3))).isEqualTo(1);
    }

    @Test
    void clipViewSamplesAreIdempotentAndALateSampleRollsNothingBack() throws Exception {
        String clip = "clip-" + UUID.randomUUID().toString().substring(0, 8);
        ClipRecord record = new ClipRecord(clip, "https://c", "", "b1", "B1", "c", "C", "", "g", "en", "t", 10,
                T, "", 20.0, null, false);
        try (Broker broker = new Broker()) {
            broker.publish(RoutingKeys.CATALOG_CLIP, new ClipBatch(Schema.CURRENT, "k1", T.plusSeconds(600), List.of(record)));
            broker.publish(RoutingKeys.CATALOG_CLIP_VIEWS, new ClipViewsBatch(Schema.CURRENT, "v1", T.plusSeconds(7200),
                    List.of(new ClipViewsSample(clip, 300, T.plusSeconds(7200)))));
            broker.publish(RoutingKeys.CATALOG_CLIP_VIEWS, new ClipViewsBatch(Schema.CURRENT, "v1", T.plusSeconds(7200),
                    List.of(new ClipViewsSample(clip, 300, T.plusSeconds(7200)))));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    Db.count("SELECT count(*) FROM clip_view_sample WHERE clip_id = ?", clip) == 2
                            && Db.count("SELECT view_count FROM clip WHERE clip_id = ?", clip) == 300);
            // the clip batch redelivered late must not put the count back to 10
            broker.publish(RoutingKeys.CATALOG_CLIP, new ClipBatch(Schema.CURRENT, "k1", T.plusSeconds(600), List.of(record)));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                    Db.count("SELECT view_count FROM clip WHERE clip_id = ?", clip) == 300
                            && Db.count("SELECT count(*) FROM clip_view_sample WHERE clip_id = ?", clip) == 2);
        }
        assertThat(Db.rows("SELECT first_view_count, day_view_count FROM clip WHERE clip_id = ?", clip).get(0))
                .isEqualTo(Map.of("first_view_count", 10L, "day_view_count", 300L));
    }

    @Test
    void aSnapshotWithoutStreamIdIsDeadLettered() throws Exception {
        try (Broker broker = new Broker()) {
            broker.publishRaw(RoutingKeys.STREAM_SNAPSHOT, "{\"schema\":1,\"pollId\":\"p\",\"sampledAt\":\"2026-03-05T18:00:00Z\","
                    + "\"intervalSeconds\":60,\"polledChannelIds\":[\"x\"],\"live\":[{\"channelId\":\"x\",\"viewerCount\":3}]}");
            GetResponse dead = await().atMost(Duration.ofSeconds(20))
                    .until(() -> broker.takeDeadLetter(Queues.STREAM_SNAPSHOT), r -> r != null);
            assertThat(dead.getProps().getHeaders().get(DeadLetterPublisher.REASON_HEADER).toString())
                    .contains("has no streamId");
        }
    }
}
