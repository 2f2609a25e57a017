package io.lurker.emulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads a hand-written world from JSON (format in the module README, example in
 * {@code src/test/resources/fixtures/small-world.json}). A fixture world does not invent
 * anything: channels stream exactly the sessions it lists, clips and videos are the ones it
 * lists, and they appear when the clock reaches their time.
 */
public final class FixtureLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FixtureLoader() {
    }

    public static WorldData load(String location) {
        JsonNode root;
        try (InputStream in = open(location)) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read fixture " + location + ": " + e.getMessage(), e);
        }
        try {
            return parse(root, location);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid fixture " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                in = FixtureLoader.class.getClassLoader().getResourceAsStream(resource);
            }
            if (in == null) {
                throw new IOException("no classpath resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    private static WorldData parse(JsonNode root, String location) {
        long seed = root.path("seed").asLong(1);
        List<Game> games = new ArrayList<>();
        for (JsonNode g : root.path("games")) {
            games.add(new Game(games.size(), text(g, "id"), text(g, "name"), g.path("igdb_id").asText(""),
                    g.path("weight").asDouble(1)));
        }
        if (games.isEmpty()) {
            throw new IllegalArgumentException("a fixture needs at least one game");
        }
        Map<String, Game> gameById = new HashMap<>();
        games.forEach(g -> gameById.put(g.id(), g));

        List<Channel> channels = new ArrayList<>();
        Map<String, List<Emote>> emotes = new HashMap<>();
        for (JsonNode c : root.path("channels")) {
            String login = text(c, "login").toLowerCase(Locale.ROOT);
            if (!login.matches("[a-z0-9_]{1,25}")) {
                throw new IllegalArgumentException("login '" + login + "' is not [a-z0-9_]{1,25}");
            }
            int mainGame = c.has("game_id") ? game(gameById, c.path("game_id").asText()).index() : 0;
            List<String> tags = new ArrayList<>();
            c.path("tags").forEach(t -> tags.add(t.asText()));
            ChannelSchedule schedule = c.hasNonNull("schedule") ? schedule(c.path("schedule"), seed, channels.size(), gameById) : null;
            Channel channel = new Channel(channels.size(), text(c, "id"), login, c.path("display_name").asText(login),
                    c.path("broadcaster_type").asText(""), c.path("description").asText(""),
                    instant(c.path("created_at").asText("2020-01-01T00:00:00Z")), c.path("language").asText("en"),
                    List.copyOf(tags), c.path("popularity").asDouble(10), mainGame, List.of(),
                    c.path("followers").asLong(0), c.path("followers_per_hour").asDouble(0),
                    c.path("archives_vods").asBoolean(true), c.path("vod_limit").asInt(100), 0, null, schedule,
                    c.path("branded_content").asBoolean(false));
            channels.add(channel);
            List<Emote> own = new ArrayList<>();
            for (JsonNode e : c.path("emotes")) {
                own.add(new Emote(text(e, "id"), text(e, "name"), e.path("type").asText("subscriptions"),
                        e.path("tier").asText("subscriptions".equals(e.path("type").asText("subscriptions")) ? "1000" : ""),
                        e.path("set_id").asText("0"), e.path("animated").asBoolean(false)));
            }
            emotes.put(channel.id(), List.copyOf(own));
        }
        Map<String, Channel> channelByKey = new HashMap<>();
        for (Channel channel : channels) {
            channelByKey.put(channel.id(), channel);
            channelByKey.put(channel.login(), channel);
        }
        List<Team> teams = new ArrayList<>();
        for (JsonNode t : root.path("teams")) {
            List<Channel> members = new ArrayList<>();
            t.path("members").forEach(m -> members.add(channel(channelByKey, m.asText())));
            String name = text(t, "name");
            teams.add(new Team(text(t, "id"), name, t.path("display_name").asText(name), t.path("info").asText(""),
                    instant(t.path("created_at").asText("2020-01-01T00:00:00Z")),
                    instant(t.path("updated_at").asText("2020-01-01T00:00:00Z")), List.copyOf(members)));
        }

        List<Session> sessions = new ArrayList<>();
        Map<String, Session> sessionById = new HashMap<>();
        for (JsonNode s : root.path("streams")) {
            Channel channel = channel(channelByKey, text(s, "channel"));
            Instant start = instant(text(s, "started_at"));
            Instant end = s.hasNonNull("ended_at") ? instant(s.path("ended_at").asText()) : Instant.parse("9999-12-31T00:00:00Z");
            List<Segment> segments = new ArrayList<>();
            if (s.has("segments")) {
                for (JsonNode seg : s.path("segments")) {
                    segments.add(new Segment(instant(text(seg, "at")), game(gameById, text(seg, "game_id")).index(),
                            seg.path("title").asText("")));
                }
            } else {
                segments.add(new Segment(start, game(gameById, text(s, "game_id")).index(), s.path("title").asText("")));
            }
            Session session = new Session(text(s, "id"), channel, start, end, segments, s.path("viewers").asDouble(0), false, seed);
            sessions.add(session);
            sessionById.put(session.streamId(), session);
        }
        List<Video> videos = new ArrayList<>();
        for (JsonNode v : root.path("videos")) {
            Channel owner = channel(channelByKey, text(v, "channel"));
            String type = v.path("type").asText("archive");
            Session session = v.hasNonNull("stream") ? sessionById.get(v.path("stream").asText()) : null;
            if (v.hasNonNull("stream") && session == null) {
                throw new IllegalArgumentException("video " + text(v, "id") + " names unknown stream " + v.path("stream").asText());
            }
            if (session != null && "archive".equals(type)) {
                session.archiveVideoId(text(v, "id"));
            }
            Instant created = v.has("created_at") ? instant(v.path("created_at").asText())
                    : (session != null ? session.start() : null);
            if (created == null) {
                throw new IllegalArgumentException("video " + text(v, "id") + " needs created_at");
            }
            List<MutedSegment> muted = null;
            if (v.hasNonNull("muted_segments")) {
                muted = new ArrayList<>();
                for (JsonNode m : v.path("muted_segments")) {
                    muted.add(new MutedSegment(m.path("offset").asInt(), m.path("duration").asInt()));
                }
            }
            int game = v.has("game_id") ? game(gameById, v.path("game_id").asText()).index()
                    : (session != null ? session.segments().get(0).gameIndex() : owner.mainGame());
            videos.add(new Video(text(v, "id"), owner, type, "archive".equals(type) ? session : null, created,
                    v.has("published_at") ? instant(v.path("published_at").asText()) : created,
                    v.path("duration").asLong(0), v.path("title").asText(""), v.path("description").asText(""),
                    v.path("views").asLong(0), muted, game));
        }
        List<Clip> clips = new ArrayList<>();
        for (JsonNode c : root.path("clips")) {
            Channel broadcaster = channel(channelByKey, text(c, "channel"));
            Channel creator = c.has("creator") ? channel(channelByKey, c.path("creator").asText()) : broadcaster;
            Session session = c.hasNonNull("stream") ? sessionById.get(c.path("stream").asText()) : null;
            Instant created = instant(text(c, "created_at"));
            int game = c.has("game_id") ? game(gameById, c.path("game_id").asText()).index()
                    : (session != null ? session.segmentAt(created).gameIndex() : broadcaster.mainGame());
            clips.add(new Clip(text(c, "id"), broadcaster, creator, session, created, game, c.path("title").asText(""),
                    c.path("views").asLong(0), Duration.ZERO, c.path("duration").asDouble(30),
                    c.path("featured").asBoolean(false), c.hasNonNull("vod_offset") ? c.path("vod_offset").asInt() : -1,
                    Duration.ofSeconds(c.path("vod_offset_delay_seconds").asLong(0))));
        }

        List<FixtureAccounts.ClientEntry> clients = new ArrayList<>();
        for (JsonNode c : root.path("clients")) {
            clients.add(new FixtureAccounts.ClientEntry(text(c, "client_id"), text(c, "client_secret"),
                    c.has("points_per_minute") ? c.path("points_per_minute").asInt() : null));
        }
        List<FixtureAccounts.UserEntry> users = new ArrayList<>();
        for (JsonNode u : root.path("users")) {
            Channel user = channel(channelByKey, u.has("user_id") ? u.path("user_id").asText() : text(u, "login"));
            List<String> scopes = new ArrayList<>();
            u.path("scopes").forEach(s -> scopes.add(s.asText()));
            users.add(new FixtureAccounts.UserEntry(user.id(), text(u, "client_id"), List.copyOf(scopes),
                    u.path("refresh_token").asText(null)));
        }

        Timeline timeline = new Timeline(Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"), channels.size(), games.size(),
                sessions, clips, videos);
        TimelineSource fixed = new TimelineSource() {
            @Override
            public boolean covers(Timeline current, Instant t) {
                return true;
            }

            @Override
            public Timeline ensure(WorldData world, Timeline current, Instant t) {
                return current;
            }
        };
        WorldData world = new WorldData(seed, null, "fixture " + location, games, channels, teams,
                WorldGenerator.globalEmotes(), emotes, fixed);
        world.initialTimeline(timeline);
        world.accounts(new FixtureAccounts(List.copyOf(clients), List.copyOf(users)));
        return world;
    }

    private static ChannelSchedule schedule(JsonNode node, long seed, int channelIndex, Map<String, Game> games) {
        List<ScheduleSlot> slots = new ArrayList<>();
        int k = 0;
        for (JsonNode slot : node.path("slots")) {
            LocalTime start = LocalTime.parse(text(slot, "start"));
            int game = slot.hasNonNull("game_id") ? game(games, slot.path("game_id").asText()).index() : -1;
            slots.add(new ScheduleSlot(WorldGenerator.uuid(Seeds.mix(seed, "segment", channelIndex, k),
                    Seeds.mix(seed, "segment2", channelIndex, k)),
                    DayOfWeek.valueOf(text(slot, "day").toUpperCase(Locale.ROOT)), start.getHour() * 60 + start.getMinute(),
                    slot.path("minutes").asInt(120), slot.path("title").asText(""), game));
            k++;
        }
        JsonNode vacation = node.path("vacation");
        Instant vStart = vacation.hasNonNull("start") ? instant(vacation.path("start").asText()) : null;
        Instant vEnd = vacation.hasNonNull("end") ? instant(vacation.path("end").asText()) : null;
        return new ChannelSchedule(List.copyOf(slots), vStart, vEnd, 0, 0);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("missing '" + field + "' in " + node);
        }
        return value.asText();
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not an RFC 3339 UTC instant");
        }
    }

    private static Game game(Map<String, Game> games, String id) {
        Game game = games.get(id);
        if (game == null) {
            throw new IllegalArgumentException("unknown game id " + id);
        }
        return game;
    }

    private static Channel channel(Map<String, Channel> channels, String key) {
        Channel channel = channels.get(key.toLowerCase(Locale.ROOT));
        if (channel == null) {
            channel = channels.get(key);
        }
        if (channel == null) {
            throw new IllegalArgumentException("unknown channel " + key);
        }
        return channel;
    }
}
