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

    /**
     * Maps one comment node. Unknown fields are ignored; a node whose id, time, offset or text
     * cannot be read as Twitch sends them is refused with {@link MalformedCommentException} rather
     * than turned into a message with an empty id, a zero offset or missing text.
     */
    public static ChatMessage toMessage(JsonNode node, String videoId, String channelId, String channelLogin, Instant receivedAt) {
        if (node == null || !node.isObject()) {
            throw new MalformedCommentException("a comment must be an object");
        }
        JsonNode idNode = node.path("id");
        if (!idNode.isTextual() || idNode.asText().isBlank()) {
            throw new MalformedCommentException("a comment needs a non-empty string id");
        }
        String commentId = idNode.asText();
        JsonNode offsetNode = node.path("contentOffsetSeconds");
        if (!offsetNode.isMissingNode() && !offsetNode.isNull() && !(offsetNode.canConvertToInt() && offsetNode.isIntegralNumber()
                && offsetNode.asInt() >= 0)) {
            throw new MalformedCommentException("comment " + commentId + ": contentOffsetSeconds must be a non-negative integer");
        }
        JsonNode message = node.path("message");
        if (!message.isMissingNode() && !message.isNull() && !message.isObject()) {
            throw new MalformedCommentException("comment " + commentId + ": message must be an object");
        }
        JsonNode fragments = message.path("fragments");
        if (!fragments.isMissingNode() && !fragments.isNull() && !fragments.isArray()) {
            throw new MalformedCommentException("comment " + commentId + ": message.fragments must be an array");
        }
        for (JsonNode fragment : fragments) {
            JsonNode piece = fragment.path("text");
            if (!fragment.isObject() || (!piece.isMissingNode() && !piece.isNull() && !piece.isTextual())) {
                throw new MalformedCommentException("comment " + commentId + ": every fragment must be an object with a string text");
            }
        }
        Instant sentAt = null;
        JsonNode created = node.path("createdAt");
        if (!created.isMissingNode() && !created.isNull()) {
            try {
                sentAt = Instant.parse(created.asText());
            } catch (java.time.format.DateTimeParseException e) {
                throw new MalformedCommentException("comment " + commentId + ": createdAt is not an RFC 3339 time");
            }
            if (!created.isTextual()) {
                throw new MalformedCommentException("comment " + commentId + ": createdAt must be a string");
            }
        }
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
        return new ChatMessage(commentId, ChatSource.REPLAY, channelId, channelLogin, author, text.toString(),
                false, sentAt, receivedAt, 0, false, false, null, null, null, null,
                new ReplayPosition(videoId, node.path("contentOffsetSeconds").asInt()), emotes, node.toString());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
