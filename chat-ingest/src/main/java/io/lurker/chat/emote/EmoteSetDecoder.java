package io.lurker.chat.emote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.contracts.chat.EmoteProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes the BTTV, FFZ and 7TV API answers (REFERENCE.md §6) into {@link EmoteSet}s. A body of
 * the wrong shape raises {@link EmoteDecodeException}; single entries without an id or a name
 * are skipped. A 404 from a channel endpoint means "no account": use {@link EmoteSet#empty}.
 */
public final class EmoteSetDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmoteSetDecoder() {
    }

    /** Decodes the body of the endpoint that serves {@code scope}. */
    public static EmoteSet decode(EmoteScope scope, String body) throws EmoteDecodeException {
        JsonNode root = read(scope, body);
        return switch (scope.provider()) {
            case BTTV -> scope.isGlobal() ? bttvGlobal(scope, root) : bttvChannel(scope, root);
            case FFZ -> scope.isGlobal() ? ffzGlobal(scope, root) : ffzChannel(scope, root);
            case SEVENTV -> scope.isGlobal() ? sevenTvGlobal(scope, root) : sevenTvChannel(scope, root);
            case TWITCH -> throw new EmoteDecodeException("Twitch emotes come from the emotes tag, not from a set");
        };
    }

    /** {@code GET /3/cached/emotes/global} → {@code [{id, code, imageType, animated}]}. */
    private static EmoteSet bttvGlobal(EmoteScope scope, JsonNode root) throws EmoteDecodeException {
        require(root.isArray(), scope, "an array");
        List<Emote> emotes = new ArrayList<>();
        addBttv(root, emotes);
        return new EmoteSet(scope, emotes);
    }

    /** {@code GET /3/cached/users/twitch/{id}} → {@code {channelEmotes[], sharedEmotes[]}}. */
    private static EmoteSet bttvChannel(EmoteScope scope, JsonNode root) throws EmoteDecodeException {
        require(root.isObject(), scope, "an object");
        List<Emote> emotes = new ArrayList<>();
        addBttv(root.path("channelEmotes"), emotes);
        addBttv(root.path("sharedEmotes"), emotes);
        return new EmoteSet(scope, emotes);
    }

    private static void addBttv(JsonNode list, List<Emote> into) {
        for (JsonNode e : list) {
            String id = text(e, "id");
            String code = text(e, "code");
            if (id != null && code != null) {
                into.add(new Emote(EmoteProvider.BTTV, id, code, "https://cdn.betterttv.net/emote/" + id + "/1x"));
            }
        }
    }

    /** {@code GET /v1/set/global} → {@code {default_sets[], sets{"id":{emoticons[]}}}}: the default sets. */
    private static EmoteSet ffzGlobal(EmoteScope scope, JsonNode root) throws EmoteDecodeException {
        require(root.isObject() && root.path("sets").isObject(), scope, "an object with sets");
        JsonNode sets = root.path("sets");
        List<Emote> emotes = new ArrayList<>();
        JsonNode defaults = root.path("default_sets");
        if (defaults.isArray() && defaults.size() > 0) {
            for (JsonNode setId : defaults) {
                addFfz(sets.path(setId.asText()), emotes);
            }
        } else {
            sets.forEach(set -> addFfz(set, emotes));
        }
        return new EmoteSet(scope, emotes);
    }

    /** {@code GET /v1/room/id/{id}} → {@code {room{set}, sets{"id":{emoticons[]}}}}. */
    private static EmoteSet ffzChannel(EmoteScope scope, JsonNode root) throws EmoteDecodeException {
        require(root.isObject() && root.path("sets").isObject(), scope, "an object with sets");
        List<Emote> emotes = new ArrayList<>();
        root.path("sets").forEach(set -> addFfz(set, emotes));
        return new EmoteSet(scope, emotes);
    }

    private static void addFfz(JsonNode set, List<Emote> into) {
        for (JsonNode e : set.path("emoticons")) {
            String id = text(e, "id");
            String name = text(e, "name");
            if (id != null && name != null) {
                into.add(new Emote(EmoteProvider.FFZ, id, name, smallestFfzUrl(e.path("urls"))));
            }
        }
    }

    private static String smallestFfzUrl(JsonNode urls) {
        if (!urls.isObject()) {
            return null;
        }
        String best = null;
        int bestScale = Integer.MAX_VALUE;
        for (Map.Entry<String, JsonNode> entry : urls.properties()) {
            int scale;
            try {
                scale = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                continue;
            }
            if (scale < bestScale && entry.getValue().isTextual()) {
                bestScale = scale;
                best = entry.getValue().asText();
            }
        }
        return absolute(best);
    }

    /** {@code GET /v3/emote-sets/global} → {@code {id, emotes[{id, name, data{…}}]}}. */
    private static EmoteSet sevenTvGlobal(EmoteScope scope, JsonNode root) throws EmoteDecodeException {
        require(root.isObject(), scope, "an object");
        List<Emote> emotes = new ArrayList<>();
        addSevenTv(root.path("emotes"), emotes);
        return new EmoteSet(scope, emotes);
    }

    /** {@code GET /v3/users/twitch/{id}} → {@code {emote_set{emotes[{id, name (alias), data{name}}]}}}. */
    private static EmoteSet sevenTvChannel(EmoteScope scope, JsonNode root) throws EmoteDecodeException {
        require(root.isObject(), scope, "an object");
        List<Emote> emotes = new ArrayList<>();
        addSevenTv(root.path("emote_set").path("emotes"), emotes);
        return new EmoteSet(scope, emotes);
    }

    private static void addSevenTv(JsonNode list, List<Emote> into) {
        for (JsonNode e : list) {
            String id = text(e, "id");
            // "name" is what the channel types (its alias); data.name is the emote's original name
            String name = text(e, "name");
            if (name == null) {
                name = text(e.path("data"), "name");
            }
            if (id != null && name != null) {
                into.add(new Emote(EmoteProvider.SEVENTV, id, name, sevenTvUrl(e.path("data").path("host"), id)));
            }
        }
    }

    private static String sevenTvUrl(JsonNode host, String id) {
        String base = text(host, "url");
        if (base == null) {
            return "https://cdn.7tv.app/emote/" + id + "/1x.webp";
        }
        String file = "1x.webp";
        JsonNode files = host.path("files");
        if (files.isArray() && files.size() > 0 && text(files.get(0), "name") != null) {
            file = text(files.get(0), "name");
        }
        return absolute(base + "/" + file);
    }

    /** FFZ and 7TV hand out protocol-relative URLs ({@code //cdn…}). */
    static String absolute(String url) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        if (url.startsWith("//")) {
            return "https:" + url;
        }
        if (url.startsWith("http://")) {
            return "https://" + url.substring("http://".length());
        }
        return url;
    }

    private static JsonNode read(EmoteScope scope, String body) throws EmoteDecodeException {
        if (body == null || body.isBlank()) {
            throw new EmoteDecodeException(scope + ": empty body");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new EmoteDecodeException(scope + ": not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static void require(boolean shape, EmoteScope scope, String expected) throws EmoteDecodeException {
        if (!shape) {
            throw new EmoteDecodeException(scope + ": expected " + expected);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isTextual() || value.isNumber()) {
            String text = value.asText();
            return text.isEmpty() ? null : text;
        }
        return null;
    }
}
