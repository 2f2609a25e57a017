package io.lurker.helix.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.helix.client.HelixFields;
import io.lurker.helix.client.HelixReader;
import io.lurker.helix.config.HelixConfig;
import io.lurker.helix.service.HelixViews.ChannelProfile;
import io.lurker.helix.service.HelixViews.ClipRange;
import io.lurker.helix.service.HelixViews.MutedSummary;
import io.lurker.helix.service.HelixViews.TopGame;
import io.lurker.helix.service.HelixViews.Vod;
import io.lurker.tokenpool.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The typed Helix reads: batching, paging to the end, windows, sums. Blocking (worker threads). */
@ApplicationScoped
public class HelixQueries {

    public static final int BATCH = 100;
    private static final Pattern LOGIN = Pattern.compile("[a-zA-Z0-9_]{1,25}");
    private static final Pattern ID = Pattern.compile("[0-9]{1,20}");

    private final HelixReader helix;
    private final HelixConfig config;

    public HelixQueries(HelixReader helix, HelixConfig config) {
        this.helix = helix;
        this.config = config;
    }

    /** Users by login and/or id, 100 per Helix call, each once. */
    public List<JsonNode> users(List<String> logins, List<String> ids) {
        Set<String> loginSet = new LinkedHashSet<>();
        for (String login : logins) {
            if (!LOGIN.matcher(login).matches()) {
                throw ProblemException.badParameter("login", "'" + clip(login) + "' is not a Twitch login ([a-zA-Z0-9_], 1-25 characters)");
            }
            loginSet.add(login.toLowerCase(Locale.ROOT));
        }
        Set<String> idSet = checkIds("id", ids);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        batched("users", "login", loginSet, byId);
        batched("users", "id", idSet, byId);
        return new ArrayList<>(byId.values());
    }

    /** Games by exact name and/or id, 100 per call. */
    public List<JsonNode> games(List<String> names, List<String> ids) {
        Set<String> nameSet = new LinkedHashSet<>();
        for (String name : names) {
            if (name.isBlank() || name.length() > 200) {
                throw ProblemException.badParameter("name", "a game name is 1-200 characters");
            }
            nameSet.add(name);
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        batched("games", "name", nameSet, byId);
        batched("games", "id", checkIds("id", ids), byId);
        return new ArrayList<>(byId.values());
    }

    private void batched(String path, String key, Set<String> values, Map<String, JsonNode> byId) {
        List<String> all = new ArrayList<>(values);
        for (int i = 0; i < all.size(); i += BATCH) {
            List<Map.Entry<String, String>> query = new ArrayList<>();
            all.subList(i, Math.min(all.size(), i + BATCH)).forEach(v -> query.add(Map.entry(key, v)));
            for (JsonNode row : HelixReader.rows(path, helix.get(path, query))) {
                byId.putIfAbsent(HelixFields.id(path, row, "id"), row);
            }
        }
    }

    /** Live streams (optionally of a game and language), most viewers first, each once, at most {@code first}. */
    public List<JsonNode> streams(Optional<String> gameId, Optional<String> language, int first) {
        if (first < 1 || first > 10_000) {
            throw ProblemException.badParameter("first", "must be 1-10000");
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        gameId.ifPresent(g -> query.add(Map.entry("game_id", checkId("game_id", g))));
        language.ifPresent(l -> {
            if (!l.matches("[a-z]{2}|other")) {
                throw ProblemException.badParameter("language", "an ISO 639-1 code such as 'en', or 'other'");
            }
            query.add(Map.entry("language", l));
        });
        query.add(Map.entry("first", Integer.toString(Math.min(first, BATCH))));
        return sortedByViewers(dedupe(helix.pages("streams", query, first, null)));
    }

    /** Every live stream of a game, paged to the end and deduplicated. */
    public List<JsonNode> allStreamsOfGame(String gameId) {
        return dedupe(helix.pages("streams", List.of(Map.entry("game_id", gameId), Map.entry("first", "100")), Integer.MAX_VALUE, null));
    }

    /** Live streams of up to 100 channels per call. */
    public List<JsonNode> streamsOfChannels(List<String> channelIds) {
        Map<String, JsonNode> byChannel = new LinkedHashMap<>();
        for (int i = 0; i < channelIds.size(); i += BATCH) {
            List<Map.Entry<String, String>> query = new ArrayList<>();
            channelIds.subList(i, Math.min(channelIds.size(), i + BATCH)).forEach(id -> query.add(Map.entry("user_id", id)));
            query.add(Map.entry("first", "100"));
            for (JsonNode row : helix.pages("streams", query, Integer.MAX_VALUE, null)) {
                byChannel.putIfAbsent(row.path("user_id").asText(), row);
            }
        }
        return new ArrayList<>(byChannel.values());
    }

    /** The top {@code first} games by Twitch's ranking, each with the streams and viewers of ALL its live streams. */
    public List<TopGame> topGames(int first) {
        if (first < 1 || first > 500) {
            throw ProblemException.badParameter("first", "must be 1-500");
        }
        List<JsonNode> games = helix.pages("games/top", List.of(Map.entry("first", Integer.toString(Math.min(first, BATCH)))), first, null);
        List<TopGame> ranked = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode game : games) {
            String id = game.path("id").asText();
            if (!seen.add(id)) {
                continue;
            }
            List<JsonNode> streams = allStreamsOfGame(id);
            long viewers = streams.stream().mapToLong(s -> HelixFields.count("streams", s, "viewer_count")).sum();
            ranked.add(new TopGame(ranked.size() + 1, id, game.path("name").asText(), game.path("box_art_url").asText(),
                    game.path("igdb_id").asText(""), streams.size(), viewers));
        }
        return ranked;
    }

    /** A channel's profile; empty when the login is unknown. */
    public Optional<ChannelProfile> channelProfile(String login) {
        List<JsonNode> users = users(List.of(login), List.of());
        if (users.isEmpty()) {
            return Optional.empty();
        }
        JsonNode user = users.get(0);
        String id = user.path("id").asText();
        List<Map.Entry<String, String>> byBroadcaster = List.of(Map.entry("broadcaster_id", id));
        JsonNode channel = first(helix.get("channels", byBroadcaster).path("data"));
        long followers = helix.get("channels/followers", List.of(Map.entry("broadcaster_id", id), Map.entry("first", "1")))
                .path("total").asLong();
        List<JsonNode> teams = list(helix.get("teams/channel", byBroadcaster).path("data"));
        Optional<JsonNode> schedule = helix.find("schedule", List.of(Map.entry("broadcaster_id", id), Map.entry("first", "25")));
        List<JsonNode> segments = schedule.map(s -> list(s.path("data").path("segments"))).orElse(List.of());
        JsonNode stream = first(helix.get("streams", List.of(Map.entry("user_id", id))).path("data"));
        return Optional.of(new ChannelProfile(user, channel, followers, teams, segments, schedule.isPresent(), stream));
    }

    /** Every clip of a broadcaster or a game created in [from, to), split into windows so that no cap truncates. */
    public ClipRange clips(Optional<String> broadcasterId, Optional<String> gameId, Instant from, Instant to, long minViews) {
        if (broadcasterId.isPresent() == gameId.isPresent()) {
            throw ProblemException.badParameter("broadcaster_id", "give exactly one of broadcaster_id and game_id");
        }
        if (!from.isBefore(to)) {
            throw ProblemException.badParameter("started_at", "must be before ended_at");
        }
        if (minViews < 0) {
            throw ProblemException.badParameter("min_views", "must not be negative");
        }
        String key = broadcasterId.isPresent() ? "broadcaster_id" : "game_id";
        String value = checkId(key, broadcasterId.orElseGet(gameId::orElseThrow));
        ClipWindowSplitter splitter = new ClipWindowSplitter(config.clips().pageCap(), config.clips().initialWindow(),
                config.clips().minWindow());
        ClipWindowSplitter.Sweep sweep = splitter.sweep(from, to, (a, b) -> helix.pages("clips", List.of(Map.entry(key, value),
                Map.entry("started_at", a.toString()), Map.entry("ended_at", b.toString()), Map.entry("first", "100")),
                Integer.MAX_VALUE, null));
        sweep.clips().forEach(c -> {
            HelixFields.id("clips", c, "id");
            HelixFields.count("clips", c, "view_count");
        });
        List<JsonNode> clips = sweep.clips().stream()
                .filter(c -> c.path("view_count").asLong() >= minViews)
                .filter(c -> inRange(c, from, to))
                .sorted(Comparator.comparingLong((JsonNode c) -> c.path("view_count").asLong()).reversed()
                        .thenComparing(c -> c.path("id").asText()))
                .toList();
        return new ClipRange(from, to, minViews, clips.size(), sweep.windows(), sweep.truncated(), clips);
    }

    private static boolean inRange(JsonNode clip, Instant from, Instant to) {
        try {
            Instant created = Instant.parse(clip.path("created_at").asText());
            return !created.isBefore(from) && created.isBefore(to);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** A user's videos (newest first) of a type created since {@code since}, with durations and muted summaries. */
    public List<Vod> videos(String userId, String type, Optional<Instant> since, int max) {
        checkId("user_id", userId);
        if (!Set.of("all", "archive", "highlight", "upload").contains(type)) {
            throw ProblemException.badParameter("type", "one of all, archive, highlight, upload");
        }
        List<JsonNode> rows = helix.pages("videos", List.of(Map.entry("user_id", userId), Map.entry("type", type),
                Map.entry("first", "100")), max, last -> since.isPresent() && createdBefore(last, since.get()));
        return rows.stream().filter(v -> since.isEmpty() || !createdBefore(v, since.get())).map(HelixQueries::vod).toList();
    }

    public static Vod vod(JsonNode video) {
        long seconds;
        try {
            seconds = VodDuration.seconds(video.path("duration").asText());
        } catch (IllegalArgumentException e) {
            seconds = 0;
        }
        int count = 0;
        long muted = 0;
        for (JsonNode segment : video.path("muted_segments")) {
            count++;
            muted += segment.path("duration").asLong();
        }
        double percent = seconds == 0 ? 0 : Math.round(muted * 10000.0 / seconds) / 100.0;
        return new Vod(video, seconds, new MutedSummary(count, muted, percent));
    }

    private static boolean createdBefore(JsonNode video, Instant since) {
        try {
            return Instant.parse(video.path("created_at").asText()).isBefore(since);
        } catch (RuntimeException e) {
            return false;
        }
    }

    static List<JsonNode> dedupe(List<JsonNode> rows) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.putIfAbsent(HelixFields.id("streams", r, "id"), r));
        return new ArrayList<>(byId.values());
    }

    static List<JsonNode> sortedByViewers(List<JsonNode> rows) {
        List<JsonNode> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong((JsonNode s) -> s.path("viewer_count").asLong()).reversed());
        return sorted;
    }

    private static JsonNode first(JsonNode array) {
        return array.isArray() && !array.isEmpty() ? array.get(0) : null;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static Set<String> checkIds(String parameter, List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        ids.forEach(id -> out.add(checkId(parameter, id)));
        return out;
    }

    static String checkId(String parameter, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ProblemException.badParameter(parameter, "'" + clip(id) + "' is not a numeric Twitch id");
        }
        return id;
    }

    private static String clip(String value) {
        return value == null ? "" : value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
