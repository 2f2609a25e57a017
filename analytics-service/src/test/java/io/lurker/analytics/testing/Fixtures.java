package io.lurker.analytics.testing;

import io.lurker.contracts.Schema;
import io.lurker.contracts.chat.ChatAuthor;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatMessageBatch;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteOccurrence;
import io.lurker.contracts.chat.EmoteProvider;
import io.lurker.contracts.stream.StreamSnapshot;
import io.lurker.contracts.stream.StreamSnapshotBatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Event records for tests, with every field a consumer reads filled in. */
public final class Fixtures {

    private Fixtures() {
    }

    public static ChatAuthor author(String userId, boolean subscriber, boolean moderator, boolean vip) {
        return new ChatAuthor(userId, "user" + userId, "User" + userId, "#ff0000",
                subscriber ? Map.of("subscriber", "12") : Map.of(), Map.of(), subscriber, moderator, vip, false, "");
    }

    public static ChatMessage message(String id, String channelId, String channelLogin, ChatAuthor author, String text,
            Instant sentAt, int bits, List<EmoteOccurrence> emotes) {
        return new ChatMessage(id, ChatSource.LIVE, channelId, channelLogin, author, text, false, sentAt,
                sentAt.plusMillis(50), bits, false, false, null, null, null, null, null, emotes,
                "@id=" + id + ";room-id=" + channelId + " :" + author.login() + " PRIVMSG #" + channelLogin + " :" + text);
    }

    public static ChatMessage message(String channelId, String channelLogin, String userId, String text, Instant sentAt) {
        return message(UUID.randomUUID().toString(), channelId, channelLogin, author(userId, false, false, false), text,
                sentAt, 0, List.of());
    }

    public static EmoteOccurrence emote(EmoteProvider provider, String id, String name, int count) {
        return new EmoteOccurrence(provider, id, name, count);
    }

    public static ChatMessageBatch batch(String channelLogin, List<ChatMessage> messages) {
        return new ChatMessageBatch(Schema.CURRENT, UUID.randomUUID().toString(), channelLogin, Instant.now(), messages);
    }

    public static StreamSnapshot live(String channelId, String login, String streamId, int viewers, String gameId,
            String gameName, String title, Instant startedAt) {
        return new StreamSnapshot(channelId, login, login.toUpperCase(), streamId, viewers, gameId, gameName, title,
                "en", startedAt, List.of());
    }

    public static StreamSnapshotBatch poll(Instant at, int intervalSeconds, List<String> polled, List<StreamSnapshot> live) {
        return new StreamSnapshotBatch(Schema.CURRENT, UUID.randomUUID().toString(), at, intervalSeconds, polled, live);
    }
}
