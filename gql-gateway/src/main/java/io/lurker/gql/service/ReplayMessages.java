package io.lurker.gql.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.chat.ChatAuthor;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteOccurrence;
import io.lurker.contracts.chat.EmoteProvider;
import io.lurker.contracts.chat.ReplayPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a VideoCommentsByOffsetOrCursor comment node into a {@link ChatMessage} with source replay. */
public final class ReplayMessages {

    private ReplayMessages() {
    }

    public static ChatMessage toMessage(JsonNode node, String videoId, String channelId, String channelLogin, Instant receivedAt) {
        JsonNode message = node.path("message");
        StringBuilder text = new StringBuilder();
        Map<String, int[]> emoteCounts = new LinkedHashMap<>();
        Map<String, String> emoteNames = new LinkedHashMap<>();
        for (JsonNode fragment : message.path("fragments")) {
            String piece = fragment.path("text").asText("");
            text.append(piece);
            JsonNode emote = fragment.path("emote");
            if (emote.isObject() && emote.hasNonNull("emoteID")) {
                String id = emote.path("emoteID").asText();
                emoteCounts.computeIfAbsent(id, k -> new int[1])[0]++;
                emoteNames.putIfAbsent(id, piece);
            }
        }
        List<EmoteOccurrence> emotes = new ArrayList<>();
        emoteCounts.forEach((id, count) -> emotes.add(new EmoteOccurrence(EmoteProvider.TWITCH, id, emoteNames.get(id), count[0])));
        Map<String, String> badges = new LinkedHashMap<>();
        for (JsonNode badge : message.path("userBadges")) {
            if (badge.hasNonNull("setID")) {
                badges.put(badge.path("setID").asText(), badge.path("version").asText(""));
            }
        }
        JsonNode commenter = node.path("commenter");
        ChatAuthor author = new ChatAuthor(text(commenter, "id"),
                text(commenter, "login") == null ? null : text(commenter, "login").toLowerCase(Locale.ROOT),
                text(commenter, "displayName"), text(message, "userColor"), badges, Map.of(),
                badges.containsKey("subscriber") || badges.containsKey("founder"), badges.containsKey("moderator"),
                badges.containsKey("vip"), badges.containsKey("turbo"),
                badges.containsKey("moderator") ? "mod" : "");
        String created = text(node, "createdAt");
        return new ChatMessage(node.path("id").asText(), ChatSource.REPLAY, channelId, channelLogin, author, text.toString(),
                false, created == null ? null : Instant.parse(created), receivedAt, 0, false, false, null, null, null, null,
                new ReplayPosition(videoId, node.path("contentOffsetSeconds").asInt()), emotes, node.toString());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
