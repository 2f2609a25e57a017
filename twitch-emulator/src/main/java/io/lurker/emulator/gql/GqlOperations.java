package io.lurker.emulator.gql;

import static io.lurker.emulator.gql.PersistedQueries.CLIPS_GAME;
import static io.lurker.emulator.gql.PersistedQueries.CLIPS_USER;
import static io.lurker.emulator.gql.PersistedQueries.STREAM_METADATA;
import static io.lurker.emulator.gql.PersistedQueries.VIDEO_CHAPTERS;
import static io.lurker.emulator.gql.PersistedQueries.VIDEO_COMMENTS;
import static io.lurker.emulator.gql.PersistedQueries.VIDEO_METADATA;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.Clip;
import io.lurker.emulator.world.ClipQuery;
import io.lurker.emulator.world.Game;
import io.lurker.emulator.world.LiveStream;
import io.lurker.emulator.world.Segment;
import io.lurker.emulator.world.Session;
import io.lurker.emulator.world.Team;
import io.lurker.emulator.world.Video;
import io.lurker.emulator.world.World;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The answers of the persisted operations, in the shapes Twitch's web client receives (field
 * names, nesting and {@code __typename}s as public captures of these operations show).
 */
@ApplicationScoped
public class GqlOperations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A GraphQL error answered without data (bad or missing variables). */
    public static class GqlError extends RuntimeException {
        public GqlError(String message) {
            super(message, null, false, false);
        }
    }

    public record Chapter(int positionSeconds, int durationSeconds, Game game) {
    }

    private final World world;
    private final ReplayComments replay;

    public GqlOperations(World world, ReplayComments replay) {
        this.world = world;
        this.replay = replay;
    }

    /** Operations that need a valid integrity token: clip cards, and comment paging by cursor. */
    public boolean guarded(String operation, JsonNode variables) {
        return switch (operation) {
            case CLIPS_USER, CLIPS_GAME -> true;
            case VIDEO_COMMENTS -> variables.hasNonNull("cursor") && !variables.path("cursor").asText().isEmpty();
            default -> false;
        };
    }

    /** {@code {data, extensions}} of one operation. */
    public ObjectNode execute(String operation, JsonNode variables) {
        JsonNode vars = variables == null || variables.isNull() ? NODES.objectNode() : variables;
        ObjectNode data = switch (operation) {
            case VIDEO_COMMENTS -> videoComments(vars);
            case VIDEO_METADATA -> videoMetadata(vars);
            case VIDEO_CHAPTERS -> videoChapters(vars);
            case CLIPS_USER -> clipsOfUser(vars);
            case CLIPS_GAME -> clipsOfGame(vars);
            case STREAM_METADATA -> streamMetadata(vars);
            default -> throw new GqlError("unknown operation " + operation);
        };
        ObjectNode answer = NODES.objectNode();
        answer.set("data", data);
        answer.set("extensions", extensions(operation));
        return answer;
    }

    /** What Twitch answers when a guarded field is asked for without a valid token. */
    public ObjectNode integrityFailure(String operation, JsonNode variables) {
        ObjectNode answer = NODES.objectNode();
        ArrayNode errors = answer.putArray("errors");
        ObjectNode error = errors.addObject();
        error.put("message", "failed integrity check");
        ArrayNode path = error.putArray("path");
        ObjectNode data = NODES.objectNode();
        switch (operation) {
            case CLIPS_USER -> {
                path.add("user").add("clips");
                Channel channel = world.channelByLogin(variables.path("login").asText("").toLowerCase(Locale.ROOT));
                data.set("user", channel == null ? NODES.nullNode() : typed("User").put("id", channel.id()).putNull("clips"));
            }
            case CLIPS_GAME -> {
                path.add("game").add("clips");
                Game game = gameBySlug(variables.path("categorySlug").asText(""));
                data.set("game", game == null ? NODES.nullNode() : typed("Game").put("id", game.id()).putNull("clips"));
            }
            default -> {
                path.add("video").add("comments");
                Video video = world.video(variables.path("videoID").asText(""));
                data.set("video", video == null ? NODES.nullNode() : typed("Video").put("id", video.id()).putNull("comments"));
            }
        }
        answer.set("data", data);
        ObjectNode extensions = extensions(operation);
        extensions.putObject("challenge").put("type", "integrity");
        answer.set("extensions", extensions);
        return answer;
    }

    /** Chapters of a video: its session's game segments, consecutive segments of one game merged. */
    public List<Chapter> chapters(Video video) {
        Session session = video.session();
        long length = video.durationSecondsAt(world.now());
        List<Chapter> chapters = new ArrayList<>();
        if (session == null || length <= 0) {
            return chapters;
        }
        int start = 0;
        int game = -1;
        for (Segment segment : session.segments()) {
            long position = Math.max(0, Duration.between(session.start(), segment.from()).toSeconds());
            if (position >= length) {
                break;
            }
            if (segment.gameIndex() == game) {
                continue;
            }
            if (game >= 0 && position > start) {
                chapters.add(new Chapter(start, (int) position - start, world.data().game(game)));
            }
            start = (int) position;
            game = segment.gameIndex();
        }
        if (game >= 0) {
            chapters.add(new Chapter(start, (int) length - start, world.data().game(game)));
        }
        return chapters;
    }

    // ---- operations

    private ObjectNode videoComments(JsonNode vars) {
        Video video = world.video(required(vars, "videoID", "ID!"));
        ObjectNode data = NODES.objectNode();
        if (video == null) {
            data.putNull("video");
            return data;
        }
        ReplayComments.Page page;
        if (vars.hasNonNull("cursor") && !vars.path("cursor").asText().isEmpty()) {
            page = replay.byCursor(video, vars.path("cursor").asText());
            if (page == null) {
                throw new GqlError("invalid cursor");
            }
        } else {
            page = replay.byOffset(video, (int) Math.max(0, vars.path("contentOffsetSeconds").asDouble(0)));
        }
        ObjectNode v = typed("Video").put("id", video.id());
        ObjectNode creator = typed("User").put("id", video.owner().id());
        creator.set("channel", typed("Channel").put("id", video.owner().id()));
        v.set("creator", creator);
        ObjectNode comments = typed("VideoCommentConnection");
        ArrayNode edges = comments.putArray("edges");
        for (ReplayComments.Comment comment : page.comments()) {
            ObjectNode edge = typed("VideoCommentEdge");
            edge.put("cursor", ReplayComments.cursor(video, comment));
            edge.set("node", commentNode(comment));
            edges.add(edge);
        }
        ObjectNode pageInfo = typed("PageInfo").put("hasNextPage", page.hasNextPage())
                .put("hasPreviousPage", page.hasPreviousPage());
        comments.set("pageInfo", pageInfo);
        v.set("comments", comments);
        data.set("video", v);
        return data;
    }

    /** One comment as the {@code node} of an edge; also what the ground truth lists. */
    public ObjectNode commentNode(ReplayComments.Comment comment) {
        ObjectNode node = typed("VideoComment").put("id", comment.id());
        ReplayComments.Commenter c = comment.commenter();
        node.set("commenter", typed("User").put("id", c.id()).put("login", c.login()).put("displayName", c.displayName()));
        node.put("contentOffsetSeconds", comment.offsetSeconds());
        node.put("createdAt", comment.createdAt().toString());
        ObjectNode message = typed("VideoCommentMessage");
        ArrayNode fragments = message.putArray("fragments");
        int from = 0;
        for (ReplayComments.Fragment f : comment.fragments()) {
            ObjectNode fragment = typed("VideoCommentMessageFragment");
            if (f.emoteId() != null) {
                fragment.set("emote", typed("EmbeddedEmote").put("id", f.emoteId() + ";" + from + ";" + comment.id())
                        .put("emoteID", f.emoteId()).put("from", from));
            } else {
                fragment.putNull("emote");
            }
            fragment.put("text", f.text());
            fragments.add(fragment);
            from += f.text().codePointCount(0, f.text().length());
        }
        ArrayNode badges = message.putArray("userBadges");
        for (ReplayComments.Badge b : c.badges()) {
            badges.add(typed("Badge").put("id", b64(b.setId() + ";" + b.version() + ";")).put("setID", b.setId())
                    .put("version", b.version()));
        }
        message.put("userColor", c.color());
        node.set("message", message);
        return node;
    }

    private ObjectNode videoMetadata(JsonNode vars) {
        String videoId = required(vars, "videoID", "ID!");
        String login = vars.path("channelLogin").asText("").toLowerCase(Locale.ROOT);
        ObjectNode data = NODES.objectNode();
        Channel channel = login.isEmpty() ? null : world.channelByLogin(login);
        if (channel == null) {
            data.putNull("user");
        } else {
            ObjectNode user = typed("User").put("id", channel.id()).putNull("primaryColorHex")
                    .put("isPartner", "partner".equals(channel.broadcasterType()))
                    .put("profileImageURL", channel.profileImageUrl());
            Session last = world.timeline().sessionAtOrBefore(channel.index(), world.now());
            user.set("lastBroadcast", last == null ? NODES.nullNode()
                    : typed("Broadcast").put("id", last.streamId()).put("startedAt", last.start().toString()));
            LiveStream live = world.live().stream(channel.id());
            user.set("stream", live == null ? NODES.nullNode() : typed("Stream").put("id", live.session().streamId()));
            user.set("followers", typed("FollowerConnection").put("totalCount", world.followerTotal(channel)));
            data.set("user", user);
        }
        data.putNull("currentUser");
        Video video = world.video(videoId);
        if (video == null) {
            data.putNull("video");
            return data;
        }
        Instant now = world.now();
        ObjectNode v = typed("Video").put("id", video.id()).put("title", video.title())
                .put("description", video.description().isEmpty() ? null : video.description())
                .put("previewThumbnailURL", video.thumbnailUrl().replace("%{width}x%{height}", "90x60"))
                .put("createdAt", video.createdAt().toString()).put("viewCount", video.viewsAt(now))
                .put("publishedAt", video.publishedAt().toString()).put("lengthSeconds", video.durationSecondsAt(now))
                .put("broadcastType", video.type().toUpperCase(Locale.ROOT));
        v.set("owner", typed("User").put("id", video.owner().id()).put("login", video.owner().login())
                .put("displayName", video.owner().displayName()));
        Game game = gameOf(video);
        v.set("game", game == null ? NODES.nullNode() : gameNode(game).put("displayName", game.name()));
        data.set("video", v);
        return data;
    }

    private ObjectNode videoChapters(JsonNode vars) {
        Video video = world.video(required(vars, "videoID", "ID!"));
        ObjectNode data = NODES.objectNode();
        if (video == null) {
            data.putNull("video");
            return data;
        }
        long length = video.durationSecondsAt(world.now());
        ObjectNode v = typed("Video").put("id", video.id());
        ObjectNode moments = typed("VideoMomentConnection");
        ArrayNode edges = moments.putArray("edges");
        List<Chapter> chapters = chapters(video);
        // Twitch lists no moments for a VOD that stayed in one game
        if (chapters.size() > 1) {
            for (Chapter chapter : chapters) {
                ObjectNode node = typed("VideoMoment");
                node.set("moments", typed("VideoMomentConnection").set("edges", NODES.arrayNode()));
                node.put("id", PersistedQueries.sha256(video.id() + "|" + chapter.positionSeconds()).substring(0, 32));
                node.put("durationMilliseconds", chapter.durationSeconds() * 1000L);
                node.put("positionMilliseconds", chapter.positionSeconds() * 1000L);
                node.put("type", "GAME_CHANGE");
                node.put("description", chapter.game().name());
                node.put("subDescription", "");
                node.put("thumbnailURL", chapter.game().boxArtUrl().replace("{width}x{height}", "40x53"));
                ObjectNode details = typed("GameChangeMomentDetails");
                details.set("game", typed("Game").put("id", chapter.game().id()).put("displayName", chapter.game().name())
                        .put("boxArtURL", chapter.game().boxArtUrl().replace("{width}x{height}", "40x53")));
                node.set("details", details);
                node.set("video", typed("Video").put("id", video.id()).put("lengthSeconds", length));
                edges.add(typed("VideoMomentEdge").set("node", node));
            }
        }
        v.set("moments", moments);
        data.set("video", v);
        return data;
    }

    private ObjectNode clipsOfUser(JsonNode vars) {
        String login = required(vars, "login", "String!").toLowerCase(Locale.ROOT);
        int limit = limit(vars);
        Instant from = windowStart(vars);
        ObjectNode data = NODES.objectNode();
        Channel channel = world.channelByLogin(login);
        if (channel == null) {
            data.putNull("user");
            return data;
        }
        List<Clip> clips = world.clips(ClipQuery.ofBroadcaster(channel, from, null, null), 0);
        ObjectNode user = typed("User").put("id", channel.id());
        user.set("clips", clipConnection(clips, vars, limit));
        data.set("user", user);
        return data;
    }

    private ObjectNode clipsOfGame(JsonNode vars) {
        Game game = gameBySlug(required(vars, "categorySlug", "String!"));
        int limit = limit(vars);
        Instant from = windowStart(vars);
        ObjectNode data = NODES.objectNode();
        if (game == null) {
            data.putNull("game");
            return data;
        }
        List<Clip> clips = world.clips(ClipQuery.ofGame(game, from, null, null), 0);
        JsonNode languages = vars.path("criteria").path("languages");
        if (languages.isArray() && !languages.isEmpty()) {
            List<String> wanted = new ArrayList<>();
            languages.forEach(l -> wanted.add(l.asText().toLowerCase(Locale.ROOT)));
            clips = clips.stream().filter(c -> wanted.contains(c.broadcaster().language())).toList();
        }
        ObjectNode g = typed("Game").put("id", game.id()).put("name", game.name()).put("displayName", game.name());
        ObjectNode connection = clipConnection(clips, vars, limit);
        connection.putNull("banners");
        g.set("clips", connection);
        data.set("game", g);
        return data;
    }

    private ObjectNode clipConnection(List<Clip> clips, JsonNode vars, int limit) {
        int from = 0;
        if (vars.hasNonNull("cursor") && !vars.path("cursor").asText().isEmpty()) {
            try {
                from = Integer.parseInt(new String(Base64.getDecoder().decode(vars.path("cursor").asText()),
                        StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new GqlError("invalid cursor");
            }
        }
        int to = Math.min(clips.size(), from + limit);
        Instant now = world.now();
        ObjectNode connection = typed("ClipConnection");
        connection.set("pageInfo", typed("PageInfo").put("hasNextPage", to < clips.size()));
        ArrayNode edges = connection.putArray("edges");
        for (int i = from; i < to; i++) {
            Clip clip = clips.get(i);
            ObjectNode node = typed("Clip").put("id", Long.toUnsignedString(io.lurker.emulator.world.Seeds.hash(clip.id()) >>> 33))
                    .put("slug", clip.id()).put("url", clip.url()).put("embedURL", clip.embedUrl())
                    .put("title", clip.title()).put("viewCount", clip.viewsAt(now))
                    .put("language", clip.broadcaster().language().toUpperCase(Locale.ROOT));
            node.set("curator", clip.creator() == null ? NODES.nullNode() : typed("User").put("id", clip.creator().id())
                    .put("login", clip.creator().login()).put("displayName", clip.creator().displayName()));
            Game game = clip.gameIndex() < 0 ? null : world.data().game(clip.gameIndex());
            node.set("game", game == null ? NODES.nullNode()
                    : gameNode(game).put("boxArtURL", game.boxArtUrl().replace("{width}x{height}", "52x72")));
            Channel b = clip.broadcaster();
            ObjectNode broadcaster = typed("User").put("id", b.id()).put("login", b.login()).put("displayName", b.displayName())
                    .put("profileImageURL", b.profileImageUrl()).putNull("primaryColorHex");
            broadcaster.set("roles", typed("UserRoles").put("isPartner", "partner".equals(b.broadcasterType())));
            node.set("broadcaster", broadcaster);
            node.put("thumbnailURL", clip.thumbnailUrl()).put("createdAt", clip.createdAt().toString())
                    .put("durationSeconds", (int) Math.round(clip.durationSeconds())).putNull("champBadge")
                    .put("isFeatured", clip.featured());
            node.putNull("guestStarParticipants");
            ObjectNode edge = typed("ClipEdge");
            edge.put("cursor", b64(Integer.toString(i + 1)));
            edge.set("node", node);
            edges.add(edge);
        }
        return connection;
    }

    private ObjectNode streamMetadata(JsonNode vars) {
        String login = required(vars, "channelLogin", "String!").toLowerCase(Locale.ROOT);
        ObjectNode data = NODES.objectNode();
        Channel channel = world.channelByLogin(login);
        if (channel == null) {
            data.putNull("user");
            return data;
        }
        ObjectNode user = typed("User").put("id", channel.id()).putNull("primaryColorHex");
        ObjectNode roles = typed("UserRoles").put("isPartner", "partner".equals(channel.broadcasterType()));
        if (vars.path("includeIsDJ").asBoolean(false)) {
            roles.put("isParticipatingDJ", false);
        }
        user.set("roles", roles);
        user.put("profileImageURL", channel.profileImageUrl());
        List<Team> teams = world.data().teamsOf(channel);
        user.set("primaryTeam", teams.isEmpty() ? NODES.nullNode() : typed("Team").put("id", teams.get(0).id())
                .put("name", teams.get(0).name()).put("displayName", teams.get(0).displayName()));
        user.set("channel", typed("Channel").put("id", channel.id()));
        Session last = world.timeline().sessionAtOrBefore(channel.index(), world.now());
        user.set("lastBroadcast", last == null ? NODES.nullNode() : typed("Broadcast").put("id", last.streamId())
                .put("title", last.segmentAt(world.now()).title()));
        LiveStream live = world.live().stream(channel.id());
        if (live == null) {
            user.putNull("stream");
        } else {
            ObjectNode stream = typed("Stream").put("id", live.session().streamId()).put("type", "live")
                    .put("createdAt", live.session().start().toString()).put("viewersCount", live.viewers());
            Game game = live.segment().gameIndex() < 0 ? null : world.data().game(live.segment().gameIndex());
            stream.set("game", game == null ? NODES.nullNode() : gameNode(game));
            user.set("stream", stream);
        }
        data.set("user", user);
        return data;
    }

    // ---- helpers

    private Game gameOf(Video video) {
        if (video.session() != null) {
            int index = video.session().segmentAt(video.createdAt()).gameIndex();
            return index < 0 ? null : world.data().game(index);
        }
        return video.gameIndex() < 0 ? null : world.data().game(video.gameIndex());
    }

    private ObjectNode gameNode(Game game) {
        return typed("Game").put("id", game.id()).put("slug", slug(game.name())).put("name", game.name())
                .put("boxArtURL", game.boxArtUrl());
    }

    public Game gameBySlug(String slug) {
        for (Game game : world.games()) {
            if (slug(game.name()).equals(slug)) {
                return game;
            }
        }
        return null;
    }

    public static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private Instant windowStart(JsonNode vars) {
        String filter = vars.path("criteria").path("filter").asText("ALL_TIME");
        Instant now = world.now();
        return switch (filter) {
            case "LAST_DAY" -> now.minus(Duration.ofDays(1));
            case "LAST_WEEK" -> now.minus(Duration.ofDays(7));
            case "LAST_MONTH" -> now.minus(Duration.ofDays(30));
            case "ALL_TIME", "null", "" -> null;
            default -> throw new GqlError("Variable \"$criteria\" got invalid value \"" + filter
                    + "\" at \"criteria.filter\"; Value \"" + filter + "\" does not exist in \"ClipsFilter\" enum.");
        };
    }

    private static int limit(JsonNode vars) {
        if (!vars.hasNonNull("limit")) {
            throw new GqlError("Variable \"$limit\" of required type \"Int!\" was not provided.");
        }
        int limit = vars.path("limit").asInt(0);
        if (limit < 1) {
            throw new GqlError("limit must be at least 1");
        }
        return Math.min(limit, 100);
    }

    private static String required(JsonNode vars, String name, String type) {
        JsonNode value = vars.get(name);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw new GqlError("Variable \"$" + name + "\" of required type \"" + type + "\" was not provided.");
        }
        return value.asText();
    }

    private static ObjectNode extensions(String operation) {
        ObjectNode extensions = NODES.objectNode();
        extensions.put("durationMilliseconds", 12);
        extensions.put("operationName", operation);
        extensions.put("requestID", java.util.UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT).substring(0, 26));
        return extensions;
    }

    private static ObjectNode typed(String typename) {
        ObjectNode node = NODES.objectNode();
        node.put("__typename", typename);
        return node;
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static ObjectMapper json() {
        return JSON;
    }
}
