package io.lurker.analytics.messaging;

import static io.lurker.analytics.testing.Fixtures.author;
import static io.lurker.analytics.testing.Fixtures.batch;
import static io.lurker.analytics.testing.Fixtures.emote;
import static io.lurker.analytics.testing.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import io.lurker.analytics.testing.AnalyticsTestResources;
import io.lurker.analytics.testing.Broker;
import io.lurker.analytics.testing.Db;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.Schema;
import io.lurker.contracts.chat.ChatAuthor;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatEventBatch;
import io.lurker.contracts.chat.ChatEventKind;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatMessageBatch;
import io.lurker.contracts.chat.ChatReplayBatch;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteProvider;
import io.lurker.contracts.chat.ReplayPosition;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Chat through the real broker into the real database: duplicates, redelivery, rollups, poison. */
@QuarkusTest
@QuarkusTestResource(AnalyticsTestResources.class)
class ChatConsumerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T20:00:10Z");

    @Test
    void redeliveredAndOverlappingBatchesLeaveMessagesAndRollupsExact() throws Exception {
        String channel = "c-" + UUID.randomUUID();
        ChatAuthor sub = author(channel + "-u1", true, false, false);
        ChatAuthor mod = author(channel + "-u2", false, true, false);
        ChatAuthor vip = author(channel + "-u3", false, false, true);
        List<ChatMessage> first = List.of(
                message("m1-" + channel, channel, "alpha", sub, "Kappa Kappa hi", T0, 0,
                        List.of(emote(EmoteProvider.TWITCH, "25", "Kappa", 2))),
                message("m2-" + channel, channel, "alpha", sub, "again", T0.plusSeconds(20), 100, List.of()),
                message("m3-" + channel, channel, "alpha", mod, "OMEGALUL", T0.plusSeconds(30), 0,
                        List.of(emote(EmoteProvider.SEVENTV, "7tv-1", "OMEGALUL", 1))),
                message("m4-" + channel, channel, "alpha", vip, "next minute Kappa", T0.plusSeconds(60), 0,
                        List.of(emote(EmoteProvider.TWITCH, "25", "Kappa", 1))),
                message("m5-" + channel, channel, "alpha", sub, "me too", T0.plusSeconds(65), 0, List.of()));
        ChatMessageBatch a = batch("alpha", first);
        // overlaps the first batch in two messages and adds one
        ChatMessageBatch b = batch("alpha", List.of(first.get(1), first.get(3),
                message("m6-" + channel, channel, "alpha", mod, "late", T0.plusSeconds(70), 0, List.of())));

        try (Broker broker = new Broker()) {
            broker.publish(RoutingKeys.chatMessage("alpha"), a);
            await().atMost(Duration.ofSeconds(20)).until(() -> messages(channel) == 5);
            broker.publish(RoutingKeys.chatMessage("alpha"), a);
            broker.publish(RoutingKeys.chatMessage("alpha"), b);
            await().atMost(Duration.ofSeconds(20)).until(() -> messages(channel) == 6);
            // let the duplicate deliveries finish, then the numbers must still be the hand-computed ones
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> messages(channel) == 6);
        }

        List<Map<String, Object>> minutes = Db.rows("""
                SELECT minute, messages, unique_chatters, subscriber_messages, moderator_messages, vip_messages, bits, emotes
                FROM chat_minute WHERE channel_id = ? ORDER BY minute""", channel);
        assertThat(minutes).hasSize(2);
        // 20:00 — m1 (sub, 2 Kappa), m2 (sub, 100 bits), m3 (mod, 1 OMEGALUL): 3 messages, 2 chatters
        assertThat(minutes.get(0)).containsEntry("messages", 3).containsEntry("unique_chatters", 2)
                .containsEntry("subscriber_messages", 2).containsEntry("moderator_messages", 1)
                .containsEntry("vip_messages", 0).containsEntry("bits", 100L).containsEntry("emotes", 3);
        // 20:01 — m4 (vip, 1 Kappa), m5 (sub), m6 (mod): 3 messages, 3 chatters
        assertThat(minutes.get(1)).containsEntry("messages", 3).containsEntry("unique_chatters", 3)
                .containsEntry("subscriber_messages", 1).containsEntry("moderator_messages", 1)
                .containsEntry("vip_messages", 1).containsEntry("bits", 0L).containsEntry("emotes", 1);
        assertThat(Db.count("SELECT sum(messages) FROM chat_minute_chatter WHERE channel_id = ?", channel)).isEqualTo(6);
        assertThat(Db.rows("""
                SELECT provider, emote_id, sum(uses) AS uses, sum(messages) AS messages FROM chat_emote_minute
                WHERE channel_id = ? GROUP BY 1, 2 ORDER BY 1, 2""", channel))
                .containsExactly(
                        Map.of("provider", "7tv", "emote_id", "7tv-1", "uses", 1L, "messages", 1L),
                        Map.of("provider", "twitch", "emote_id", "25", "uses", 3L, "messages", 2L));
        assertThat(Db.count("SELECT count(*) FROM chat_emote_user_day WHERE channel_id = ?", channel)).isEqualTo(3);
        assertThat(Db.rows("SELECT raw, source FROM chat_message WHERE message_id = ?", "m1-" + channel).get(0))
                .containsEntry("source", "live")
                .satisfies(row -> assertThat((String) row.get("raw")).contains("PRIVMSG #alpha :Kappa Kappa hi"));
    }

    @Test
    void deletedMessagesAreFlaggedWhicheverArrivesFirst() throws Exception {
        String channel = "c-" + UUID.randomUUID();
        ChatMessage early = message(channel, "beta", "u1", "deleted before it arrived", T0);
        ChatMessage late = message(channel, "beta", "u2", "deleted after it arrived", T0.plusSeconds(5));
        ChatMessage kept = message(channel, "beta", "u3", "kept", T0.plusSeconds(6));
        ChatMessage timedOut = message(channel, "beta", "u4", "rude", T0.plusSeconds(7));
        try (Broker broker = new Broker()) {
            broker.publish(RoutingKeys.chatEvent("beta"), events("beta", clearMsg(channel, early.id(), T0.plusSeconds(1))));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Db.count("SELECT count(*) FROM chat_deleted_message WHERE message_id = ?", early.id()) == 1);
            broker.publish(RoutingKeys.chatMessage("beta"), batch("beta", List.of(early, late, kept, timedOut)));
            await().atMost(Duration.ofSeconds(20)).until(() -> messages(channel) == 4);
            broker.publish(RoutingKeys.chatEvent("beta"), events("beta", clearMsg(channel, late.id(), T0.plusSeconds(9))));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    Db.count("SELECT count(*) FROM chat_message WHERE channel_id = ? AND deleted", channel) == 2);
            ChatEvent timeout = new ChatEvent("clearchat-" + timedOut.id(), ChatSource.LIVE, ChatEventKind.CLEARCHAT, null,
                    channel, "beta", timedOut.author(), null, 600, null, null, Map.of(), T0.plusSeconds(20),
                    T0.plusSeconds(20), "@ban-duration=600 :tmi.twitch.tv CLEARCHAT #beta :useru4");
            broker.publish(RoutingKeys.chatEvent("beta"), events("beta", timeout));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    Db.count("SELECT count(*) FROM chat_message WHERE message_id = ? AND deleted", timedOut.id()) == 1);
        }
        assertThat(Db.count("SELECT count(*) FROM chat_message WHERE message_id = ? AND NOT deleted", kept.id()))
                .isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM chat_event WHERE channel_login = 'beta' AND kind = 'clearmsg'"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void replayedCommentsAreStoredOnceBesideTheLiveMessages() throws Exception {
        String channel = "c-" + UUID.randomUUID();
        ChatMessage liveMessage = message(channel, "gamma", "u1", "seen live", T0);
        ChatMessage replayTwin = new ChatMessage(liveMessage.id(), ChatSource.REPLAY, channel, "gamma",
                liveMessage.author(), liveMessage.text(), false, T0.plusMillis(400), T0.plusSeconds(3600), 0, false,
                false, null, null, null, null, new ReplayPosition("v1", 10), List.of(), "{\"id\":\"x\"}");
        ChatMessage onlyReplay = new ChatMessage("r-" + channel, ChatSource.LIVE, channel, "gamma",
                liveMessage.author(), "only in the replay", false, T0.plusSeconds(30), T0.plusSeconds(3600), 0, false,
                false, null, null, null, null, new ReplayPosition("v1", 40), List.of(), "{\"id\":\"y\"}");
        try (Broker broker = new Broker()) {
            broker.publish(RoutingKeys.chatMessage("gamma"), batch("gamma", List.of(liveMessage)));
            await().atMost(Duration.ofSeconds(20)).until(() -> messages(channel) == 1);
            broker.publish(RoutingKeys.chatReplay("v1"), new ChatReplayBatch(Schema.CURRENT, "rb1", "v1", channel,
                    "gamma", Instant.now(), List.of(replayTwin, onlyReplay), true));
            await().atMost(Duration.ofSeconds(20)).until(() -> messages(channel) == 2);
        }
        assertThat(Db.rows("SELECT source, replay_video_id, replay_offset FROM chat_message WHERE message_id = ?",
                onlyReplay.id()).get(0))
                .containsEntry("source", "replay").containsEntry("replay_video_id", "v1").containsEntry("replay_offset", 40);
        assertThat(Db.count("SELECT sum(messages) FROM chat_minute WHERE channel_id = ?", channel)).isEqualTo(2);
    }

    @Test
    void poisonMessagesGoToTheDeadLetterQueueWithTheReason() throws Exception {
        String channel = "c-" + UUID.randomUUID();
        ChatMessage noId = new ChatMessage(null, ChatSource.LIVE, channel, "delta", author("u1", false, false, false),
                "no id", false, T0, T0, 0, false, false, null, null, null, null, null, List.of(), "raw");
        try (Broker broker = new Broker()) {
            broker.publishRaw(RoutingKeys.chatMessage("delta"), "{not json");
            broker.publish(RoutingKeys.chatMessage("delta"), batch("delta", List.of(noId)));
            GetResponse unreadable = awaitDeadLetter(broker);
            GetResponse invalid = awaitDeadLetter(broker);
            List<String> reasons = List.of(reason(unreadable), reason(invalid));
            assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("unreadable ChatMessageBatch JSON"));
            assertThat(reasons).anySatisfy(r -> assertThat(r).contains("message 0 has no id"));
            assertThat(unreadable.getProps().getHeaders().get(DeadLetterPublisher.ROUTING_KEY_HEADER).toString())
                    .isEqualTo("chat.message.delta");
            // a good batch after the poison is still stored: the consumer kept going
            broker.publish(RoutingKeys.chatMessage("delta"), batch("delta", List.of(message(channel, "delta", "u1", "ok", T0))));
            await().atMost(Duration.ofSeconds(20)).until(() -> messages(channel) == 1);
        }
    }

    private static GetResponse awaitDeadLetter(Broker broker) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> broker.takeDeadLetter(Queues.CHAT_MESSAGE),
                response -> response != null);
    }

    private static String reason(GetResponse response) {
        return response.getProps().getHeaders().get(DeadLetterPublisher.REASON_HEADER).toString();
    }

    private static long messages(String channelId) {
        return Db.count("SELECT count(*) FROM chat_message WHERE channel_id = ?", channelId);
    }

    private static ChatEvent clearMsg(String channelId, String target, Instant at) {
        return new ChatEvent("clearmsg-" + target, ChatSource.LIVE, ChatEventKind.CLEARMSG, null, channelId, "beta",
                author("u-x", false, false, false), target, null, "deleted text", null, Map.of(), at, at,
                "@target-msg-id=" + target + " :tmi.twitch.tv CLEARMSG #beta :deleted text");
    }

    private static ChatEventBatch events(String login, ChatEvent... events) {
        return new ChatEventBatch(Schema.CURRENT, UUID.randomUUID().toString(), login, Instant.now(), List.of(events));
    }
}
