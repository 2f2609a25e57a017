package io.lurker.emulator.helix;

import io.lurker.emulator.auth.AccessToken;
import io.lurker.emulator.config.EmulatorConfig;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.Clip;
import io.lurker.emulator.world.ClipQuery;
import io.lurker.emulator.world.Emote;
import io.lurker.emulator.world.FollowerRow;
import io.lurker.emulator.world.Game;
import io.lurker.emulator.world.GameStats;
import io.lurker.emulator.world.LiveSnapshot;
import io.lurker.emulator.world.LiveStream;
import io.lurker.emulator.world.ScheduledSegment;
import io.lurker.emulator.world.Team;
import io.lurker.emulator.world.Video;
import io.lurker.emulator.world.World;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Helix endpoints: each maps a validated request to the response body, reading the
 * {@link World} at the emulator clock's instant. Validation messages follow Twitch's.
 */
@ApplicationScoped
public class HelixEndpoints {

    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9_]{1,25}");

    private final World world;
    private final HelixViews views;
    private final int clipsPageCap;

    public HelixEndpoints(World world, HelixViews views, EmulatorConfig config) {
        this.world = world;
        this.views = views;
        this.clipsPageCap = config.clipsPageCap();
    }

    /** Path (under /helix) to handler. */
    public Map<String, Function<HelixRequest, Map<String, Object>>> routes() {
        Map<String, Function<HelixRequest, Map<String, Object>>> routes = new LinkedHashMap<>();
        routes.put("/users", this::users);
        routes.put("/channels", this::channels);
        routes.put("/channels/followers", this::followers);
        routes.put("/streams", this::streams);
        routes.put("/clips", this::clips);
        routes.put("/videos", this::videos);
        routes.put("/games", this::games);
        routes.put("/games/top", this::topGames);
        routes.put("/teams/channel", this::channelTeams);
        routes.put("/teams", this::teams);
        routes.put("/schedule", this::schedule);
        routes.put("/chat/emotes", this::channelEmotes);
        routes.put("/chat/emotes/global", this::globalEmotes);
        routes.put("/search/categories", this::searchCategories);
        routes.put("/search/channels", this::searchChannels);
        return routes;
    }

    /** Endpoints Twitch has removed: they answer 410. */
    public static final Set<String> REMOVED = Set.of("/users/follows", "/tags/streams", "/streams/tags");

    private static Map<String, Object> data(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        return body;
    }

    private static Map<String, Object> paged(Object data, Paging.Page<?> page) {
        Map<String, Object> body = data(data);
        body.put("pagination", page.pagination());
        return body;
    }

    // ---- users and channels

    Map<String, Object> users(HelixRequest r) {
        r.atMost(100, "id", "login");
        List<String> ids = r.all("id");
        List<String> logins = r.all("login");
        AccessToken token = r.token();
        List<Map<String, Object>> result = new ArrayList<>();
        boolean email = token.isUserToken() && token.scopes().contains("user:read:email");
        if (ids.isEmpty() && logins.isEmpty()) {
            if (!token.isUserToken()) {
                throw HelixException.badRequest("Must provide an ID, Login or OAuth Token");
            }
            Channel self = world.channel(token.userId());
            if (self != null) {
                result.add(views.user(self, email));
            }
            return data(result);
        }
        for (String login : logins) {
            if (!LOGIN.matcher(login).matches()) {
                throw HelixException.badRequest("Invalid login names, emails or IDs in request");
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String id : ids) {
            Channel c = world.channel(id);
            if (c != null && seen.add(c.id())) {
                result.add(views.user(c, email && c.id().equals(token.userId())));
            }
        }
        for (String login : logins) {
            Channel c = world.channelByLogin(login);
            if (c != null && seen.add(c.id())) {
                result.add(views.user(c, email && c.id().equals(token.userId())));
            }
        }
        return data(result);
    }

    Map<String, Object> channels(HelixRequest r) {
        List<String> ids = r.all("broadcaster_id");
        if (ids.isEmpty()) {
            throw HelixException.missing("broadcaster_id");
        }
        r.atMost(100, "broadcaster_id");
        List<Map<String, Object>> result = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            Channel c = world.channel(id);
            if (c != null) {
                result.add(views.channelInformation(c));
            }
        }
        return data(result);
    }

    Map<String, Object> followers(HelixRequest r) {
        String broadcasterId = r.required("broadcaster_id");
        int first = r.first(20, 100);
        Channel c = world.channel(broadcasterId);
        if (c == null) {
            throw HelixException.badRequest("Invalid broadcaster_id");
        }
        long total = world.followerTotal(c);
        AccessToken token = r.token();
        // rows only for the broadcaster's own user token with moderator:read:followers; total for everyone
        boolean rows = token.isUserToken() && token.userId().equals(c.id())
                && token.scopes().contains("moderator:read:followers");
        List<Map<String, Object>> result = new ArrayList<>();
        Map<String, Object> pagination = new LinkedHashMap<>();
        if (rows) {
            String userId = r.one("user_id");
            if (userId != null) {
                FollowerRow row = world.follower(c, userId);
                if (row != null) {
                    result.add(followerRow(row));
                }
            } else {
                List<Integer> positions = new PositionList((int) Math.min(Integer.MAX_VALUE, total));
                Paging.Page<Integer> page = Paging.page(positions, r, first);
                if (!page.items().isEmpty()) {
                    for (FollowerRow row : world.followers(c, page.items().get(0), page.items().size())) {
                        result.add(followerRow(row));
                    }
                }
                pagination = page.pagination();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", total);
        body.put("data", result);
        body.put("pagination", pagination);
        return body;
    }

    private static Map<String, Object> followerRow(FollowerRow row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", row.userId());
        m.put("user_login", row.login());
        m.put("user_name", row.displayName());
        m.put("followed_at", HelixViews.time(row.followedAt()));
        return m;
    }

    /** 0..n-1 without materialising it. */
    private static final class PositionList extends java.util.AbstractList<Integer> {
        private final int size;

        PositionList(int size) {
            this.size = size;
        }

        @Override
        public Integer get(int index) {
            return index;
        }

        @Override
        public int size() {
            return size;
        }
    }

    // ---- streams

    Map<String, Object> streams(HelixRequest r) {
        r.atMost(100, "user_id");
        r.atMost(100, "user_login");
        r.atMost(100, "game_id");
        r.atMost(100, "language");
        r.oneOf("type", "all", "all", "live");
        int first = r.first(20, 100);
        LiveSnapshot live = world.live();
        List<String> userIds = r.all("user_id");
        List<String> userLogins = r.all("user_login");
        Set<String> games = new LinkedHashSet<>(r.all("game_id"));
        Set<String> languages = new LinkedHashSet<>(r.all("language"));
        List<LiveStream> candidates;
        if (!userIds.isEmpty() || !userLogins.isEmpty()) {
            Set<String> channelIds = new LinkedHashSet<>(userIds);
            for (String login : userLogins) {
                Channel c = world.channelByLogin(login);
                if (c != null) {
                    channelIds.add(c.id());
                }
            }
            candidates = new ArrayList<>();
            for (String id : channelIds) {
                LiveStream s = live.stream(id);
                if (s != null) {
                    candidates.add(s);
                }
            }
        } else if (!games.isEmpty()) {
            candidates = new ArrayList<>();
            for (String id : games) {
                Game g = world.data().gameById(id);
                if (g != null) {
                    candidates.addAll(live.streamsOfGame(g));
                }
            }
        } else if (!languages.isEmpty()) {
            candidates = new ArrayList<>();
            for (String language : languages) {
                candidates.addAll(live.streamsInLanguage(language));
            }
        } else {
            candidates = live.streams();
        }
        List<LiveStream> selected = candidates;
        if (!games.isEmpty() || !languages.isEmpty() || candidates != live.streams()) {
            selected = new ArrayList<>();
            for (LiveStream s : candidates) {
                if ((games.isEmpty() || games.contains(world.data().game(s.segment().gameIndex()).id()))
                        && (languages.isEmpty() || languages.contains(s.channel().language()))) {
                    selected.add(s);
                }
            }
            selected.sort(Comparator.comparingInt(LiveStream::viewers).reversed().thenComparing(s -> s.channel().id()));
        }
        Paging.Page<LiveStream> page = Paging.page(selected, r, first);
        List<Map<String, Object>> result = new ArrayList<>(page.items().size());
        for (LiveStream s : page.items()) {
            result.add(views.stream(s));
        }
        return paged(result, page);
    }

    // ---- clips

    Map<String, Object> clips(HelixRequest r) {
        String broadcasterId = r.one("broadcaster_id");
        String gameId = r.one("game_id");
        List<String> ids = r.all("id");
        int given = (broadcasterId != null ? 1 : 0) + (gameId != null ? 1 : 0) + (ids.isEmpty() ? 0 : 1);
        if (given == 0) {
            throw HelixException.badRequest("One of id, broadcaster_id or game_id must be specified");
        }
        if (given > 1) {
            throw HelixException.badRequest("The id, game_id and broadcaster_id query parameters are mutually exclusive");
        }
        r.atMost(100, "id");
        int first = r.first(20, 100);
        Boolean featured = r.bool("is_featured");
        Instant started = r.time("started_at");
        Instant ended = r.time("ended_at");
        Instant now = world.now();
        if (!ids.isEmpty()) {
            List<Map<String, Object>> result = new ArrayList<>();
            for (String id : ids) {
                Clip clip = world.clip(id);
                if (clip != null && (featured == null || clip.featured() == featured)) {
                    result.add(views.clip(clip, now));
                }
            }
            return data(result);
        }
        if (ended != null && started == null) {
            throw HelixException.badRequest("The started_at parameter is required when ended_at is specified");
        }
        if (started != null && ended == null) {
            ended = started.plus(Duration.ofDays(7));
        }
        if (started != null && ended.isBefore(started)) {
            throw HelixException.badRequest("The ended_at parameter must be later than started_at");
        }
        ClipQuery query;
        if (broadcasterId != null) {
            Channel c = world.channel(broadcasterId);
            if (c == null) {
                Paging.Page<Clip> empty = Paging.page(List.<Clip>of(), r, first);
                return paged(List.of(), empty);
            }
            query = ClipQuery.ofBroadcaster(c, started, ended, featured);
        } else {
            Game g = world.data().gameById(gameId);
            if (g == null) {
                throw HelixException.notFound("The ID in game_id was not found");
            }
            query = ClipQuery.ofGame(g, started, ended, featured);
        }
        List<Clip> clips = world.clips(query, clipsPageCap);
        Paging.Page<Clip> page = Paging.page(clips, r, first);
        List<Map<String, Object>> result = new ArrayList<>(page.items().size());
        for (Clip clip : page.items()) {
            result.add(views.clip(clip, now));
        }
        return paged(result, page);
    }

    // ---- videos

    Map<String, Object> videos(HelixRequest r) {
        List<String> ids = r.all("id");
        String userId = r.one("user_id");
        String gameId = r.one("game_id");
        int given = (ids.isEmpty() ? 0 : 1) + (userId != null ? 1 : 0) + (gameId != null ? 1 : 0);
        if (given == 0) {
            throw HelixException.badRequest("One of id, user_id or game_id must be specified");
        }
        if (given > 1) {
            throw HelixException.badRequest("The id, user_id and game_id query parameters are mutually exclusive");
        }
        r.atMost(100, "id");
        String type = r.oneOf("type", "all", "all", "archive", "highlight", "upload");
        String period = r.oneOf("period", "all", "all", "day", "week", "month");
        String sort = r.oneOf("sort", "time", "time", "trending", "views");
        int first = r.first(20, 100);
        if ((r.has("after") || r.has("before")) && userId == null) {
            throw HelixException.badRequest("The after and before parameters may be specified only with user_id");
        }
        if (r.has("language") && gameId == null) {
            throw HelixException.badRequest("The language parameter may be specified only with game_id");
        }
        Instant now = world.now();
        if (!ids.isEmpty()) {
            List<Map<String, Object>> result = new ArrayList<>();
            for (String id : ids) {
                Video v = world.video(id);
                if (v != null) {
                    result.add(views.video(v, now));
                }
            }
            if (result.isEmpty()) {
                throw HelixException.notFound("The video IDs in the id query parameter were not found");
            }
            return data(result);
        }
        List<Video> source;
        if (userId != null) {
            Channel c = world.channel(userId);
            if (c == null) {
                throw HelixException.notFound("The user in user_id was not found");
            }
            source = world.videosOf(c);
        } else {
            Game g = world.data().gameById(gameId);
            if (g == null) {
                throw HelixException.notFound("The ID in game_id was not found");
            }
            source = world.videosOfGame(g);
        }
        Instant since = switch (period) {
            case "day" -> now.minus(Duration.ofDays(1));
            case "week" -> now.minus(Duration.ofDays(7));
            case "month" -> now.minus(Duration.ofDays(30));
            default -> null;
        };
        Set<String> languages = new LinkedHashSet<>(r.all("language"));
        List<Video> selected = new ArrayList<>();
        for (Video v : source) {
            if ((type.equals("all") || type.equals(v.type())) && (since == null || !v.createdAt().isBefore(since))
                    && (languages.isEmpty() || languages.contains(v.owner().language()))) {
                selected.add(v);
            }
        }
        if (sort.equals("views")) {
            selected.sort(Comparator.comparingLong((Video v) -> v.viewsAt(now)).reversed().thenComparing(Video::id));
        } else if (sort.equals("trending")) {
            selected.sort(Comparator.comparingDouble((Video v) -> -v.viewsAt(now)
                    / (1 + Duration.between(v.createdAt(), now).toHours() / 24.0)).thenComparing(Video::id));
        }
        List<Map<String, Object>> result = new ArrayList<>();
        if (userId != null) {
            Paging.Page<Video> page = Paging.page(selected, r, first);
            for (Video v : page.items()) {
                result.add(views.video(v, now));
            }
            return paged(result, page);
        }
        for (Video v : selected.subList(0, Math.min(first, selected.size()))) {
            result.add(views.video(v, now));
        }
        return paged(result, new Paging.Page<>(List.of(), null));
    }

    // ---- games

    Map<String, Object> games(HelixRequest r) {
        r.atMost(100, "id", "name", "igdb_id");
        List<String> ids = r.all("id");
        List<String> names = r.all("name");
        List<String> igdb = r.all("igdb_id");
        if (ids.isEmpty() && names.isEmpty() && igdb.isEmpty()) {
            throw HelixException.badRequest("Must provide at least one id, name or igdb_id");
        }
        Set<Game> found = new LinkedHashSet<>();
        for (String id : ids) {
            Game g = world.data().gameById(id);
            if (g != null) {
                found.add(g);
            }
        }
        for (String name : names) {
            Game g = world.data().gameByName(name);
            if (g != null) {
                found.add(g);
            }
        }
        for (String id : igdb) {
            Game g = world.data().gameByIgdbId(id);
            if (g != null) {
                found.add(g);
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Game g : found) {
            result.add(views.game(g));
        }
        return data(result);
    }

    Map<String, Object> topGames(HelixRequest r) {
        int first = r.first(20, 100);
        List<GameStats> ranked = world.live().topGames();
        Paging.Page<GameStats> page = Paging.page(ranked, r, first);
        List<Map<String, Object>> result = new ArrayList<>();
        for (GameStats stats : page.items()) {
            result.add(views.game(stats.game()));
        }
        return paged(result, page);
    }

    // ---- teams

    Map<String, Object> channelTeams(HelixRequest r) {
        String id = r.required("broadcaster_id");
        Channel c = world.channel(id);
        List<Map<String, Object>> result = new ArrayList<>();
        if (c != null) {
            for (Team t : world.data().teamsOf(c)) {
                result.add(views.channelTeam(c, t));
            }
        }
        return data(result);
    }

    Map<String, Object> teams(HelixRequest r) {
        String name = r.one("name");
        String id = r.one("id");
        if (name == null && id == null) {
            throw HelixException.badRequest("One of name or id must be specified");
        }
        if (name != null && id != null) {
            throw HelixException.badRequest("The name and id query parameters are mutually exclusive");
        }
        Team team = name != null ? world.data().teamByName(name) : world.data().teamById(id);
        if (team == null) {
            throw HelixException.notFound("The specified team was not found");
        }
        return data(List.of(views.team(team)));
    }

    // ---- schedule

    Map<String, Object> schedule(HelixRequest r) {
        String id = r.required("broadcaster_id");
        int first = r.first(20, 25);
        r.atMost(100, "id");
        Instant start = r.time("start_time");
        Channel c = world.channel(id);
        if (c == null || c.schedule() == null) {
            throw HelixException.notFound("Schedule not found for broadcaster");
        }
        Instant from = start != null ? start : world.now();
        List<String> segmentIds = r.all("id");
        List<ScheduledSegment> segments;
        String cursor = null;
        if (!segmentIds.isEmpty()) {
            segments = new ArrayList<>();
            Set<String> wanted = new LinkedHashSet<>(segmentIds);
            for (ScheduledSegment s : world.schedule(c, from, 0, 200)) {
                if (wanted.contains(s.id()) || wanted.contains(segmentUuid(s.id()))) {
                    segments.add(s);
                }
            }
        } else {
            int offset = 0;
            String after = r.one("after");
            if (after != null) {
                offset = Paging.decode(after, "after")[1];
            }
            List<ScheduledSegment> window = world.schedule(c, from, offset, first + 1);
            segments = window.subList(0, Math.min(first, window.size()));
            if (window.size() > first) {
                cursor = Paging.encode(offset, offset + first);
            }
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (ScheduledSegment s : segments) {
            list.add(views.scheduleSegment(s));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segments", list);
        data.put("broadcaster_id", c.id());
        data.put("broadcaster_name", c.displayName());
        data.put("broadcaster_login", c.login());
        Instant[] vacation = c.schedule().vacationFrom(world.now());
        if (vacation == null) {
            data.put("vacation", null);
        } else {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("start_time", HelixViews.time(vacation[0]));
            v.put("end_time", HelixViews.time(vacation[1]));
            data.put("vacation", v);
        }
        Map<String, Object> body = data(data);
        Map<String, Object> pagination = new LinkedHashMap<>();
        if (cursor != null) {
            pagination.put("cursor", cursor);
        }
        body.put("pagination", pagination);
        return body;
    }

    private static String segmentUuid(String segmentId) {
        try {
            String json = new String(Base64.getDecoder().decode(segmentId));
            int at = json.indexOf("\"segmentID\":\"");
            return at < 0 ? segmentId : json.substring(at + 13, json.indexOf('"', at + 13));
        } catch (IllegalArgumentException e) {
            return segmentId;
        }
    }

    // ---- emotes

    Map<String, Object> channelEmotes(HelixRequest r) {
        String id = r.required("broadcaster_id");
        Channel c = world.channel(id);
        List<Map<String, Object>> result = new ArrayList<>();
        if (c != null) {
            for (Emote e : world.data().channelEmotes(c)) {
                result.add(views.channelEmote(e));
            }
        }
        Map<String, Object> body = data(result);
        body.put("template", HelixViews.EMOTE_TEMPLATE);
        return body;
    }

    Map<String, Object> globalEmotes(HelixRequest r) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Emote e : world.data().globalEmotes()) {
            result.add(views.globalEmote(e));
        }
        Map<String, Object> body = data(result);
        body.put("template", HelixViews.EMOTE_TEMPLATE);
        return body;
    }

    // ---- search

    Map<String, Object> searchCategories(HelixRequest r) {
        String query = r.required("query").toLowerCase(Locale.ROOT);
        int first = r.first(20, 100);
        List<GameStats> ranked = world.live().topGames();
        List<Game> exact = new ArrayList<>();
        List<Game> prefix = new ArrayList<>();
        List<Game> contains = new ArrayList<>();
        for (GameStats stats : ranked) {
            String name = stats.game().name().toLowerCase(Locale.ROOT);
            if (name.equals(query)) {
                exact.add(stats.game());
            } else if (name.startsWith(query)) {
                prefix.add(stats.game());
            } else if (name.contains(query)) {
                contains.add(stats.game());
            }
        }
        exact.addAll(prefix);
        exact.addAll(contains);
        Paging.Page<Game> page = Paging.page(exact, r, first);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Game g : page.items()) {
            result.add(views.category(g));
        }
        return paged(result, page);
    }

    Map<String, Object> searchChannels(HelixRequest r) {
        String query = r.required("query").toLowerCase(Locale.ROOT).replace(" ", "");
        Boolean liveOnly = r.bool("live_only");
        int first = r.first(20, 100);
        LiveSnapshot live = world.live();
        List<Channel> exact = new ArrayList<>();
        List<Channel> matches = new ArrayList<>();
        for (Channel c : world.channels()) {
            boolean isLive = live.stream(c.id()) != null;
            if (Boolean.TRUE.equals(liveOnly) && !isLive) {
                continue;
            }
            if (c.login().equals(query)) {
                exact.add(c);
            } else if (c.login().contains(query) || c.displayName().toLowerCase(Locale.ROOT).contains(query)) {
                matches.add(c);
            }
        }
        matches.sort(Comparator.comparingInt((Channel c) -> live.stream(c.id()) == null ? 0 : -live.stream(c.id()).viewers() - 1)
                .thenComparing(Comparator.comparingLong(Channel::followerBase).reversed())
                .thenComparing(Channel::id));
        exact.addAll(matches);
        Paging.Page<Channel> page = Paging.page(exact, r, first);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Channel c : page.items()) {
            result.add(views.searchChannel(c, live.stream(c.id())));
        }
        return paged(result, page);
    }
}
