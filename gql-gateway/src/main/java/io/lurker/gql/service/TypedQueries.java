package io.lurker.gql.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.contracts.catalog.VodRecord.VodChapter;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The typed GraphQL API: chapters, clip cards of a channel or a game, stream metadata. */
@ApplicationScoped
public class TypedQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9_]{1,25}");
    private static final Pattern VIDEO_ID = Pattern.compile("[0-9]{1,20}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{1,100}");
    public static final Set<String> FILTERS = Set.of("LAST_DAY", "LAST_WEEK", "LAST_MONTH", "ALL_TIME");

    public record VideoChapters(String videoId, String title, String ownerId, String ownerLogin, long lengthSeconds,
                                List<VodChapter> chapters) {
    }

    public record ClipCard(String id, String slug, String url, String title, long viewCount, Instant createdAt,
                           int durationSeconds, String language, boolean featured, String broadcasterId,
                           String broadcasterLogin, String curatorId, String curatorLogin, String gameId, String gameName) {
    }

    public record ClipCardsPage(List<ClipCard> clips, String nextCursor) {
    }

    public record StreamInfo(String userId, String login, boolean partner, boolean live, String streamId, Instant startedAt,
                             Integer viewersCount, String gameId, String gameName, String lastBroadcastId,
                             String lastBroadcastTitle, String primaryTeam) {
    }

    private final GqlExecutor gql;

    public TypedQueries(GqlExecutor gql) {
        this.gql = gql;
    }

    /** A VOD's chapters; a VOD that stayed in one game has one chapter (Twitch lists no moments for it). */
    public VideoChapters chapters(String videoId) {
        requireVideoId(videoId);
        List<JsonNode> data = gql.execute(List.of(
                new GqlCall("VideoMetadata", vars().put("channelLogin", "").put("videoID", videoId)),
                new GqlCall("VideoPlayer_ChapterSelectButtonVideo", vars().put("includePrivate", false).put("videoID", videoId))));
        JsonNode video = data.get(0).path("video");
        if (video.isMissingNode() || video.isNull()) {
            throw ProblemException.notFound("No video " + videoId);
        }
        long length = video.path("lengthSeconds").asLong();
        List<VodChapter> chapters = new ArrayList<>();
        for (JsonNode edge : data.get(1).path("video").path("moments").path("edges")) {
            JsonNode node = edge.path("node");
            JsonNode game = node.path("details").path("game");
            chapters.add(new VodChapter((int) (node.path("positionMilliseconds").asLong() / 1000),
                    (int) (node.path("durationMilliseconds").asLong() / 1000), text(game, "id"),
                    game.isMissingNode() ? null : text(game, "displayName"), text(node, "description")));
        }
        if (chapters.isEmpty() && length > 0) {
            JsonNode game = video.path("game");
            String name = text(game, "displayName") != null ? text(game, "displayName") : text(game, "name");
            chapters.add(new VodChapter(0, (int) length, text(game, "id"), name, name));
        }
        return new VideoChapters(video.path("id").asText(videoId), text(video, "title"), text(video.path("owner"), "id"),
                text(video.path("owner"), "login"), length, chapters);
    }

    public ClipCardsPage clipsOfUser(String login, String filter, int limit, String cursor) {
        requireLogin(login);
        ObjectNode variables = vars().put("login", login.toLowerCase(Locale.ROOT)).put("limit", limit(limit));
        variables.putObject("criteria").put("filter", filter(filter));
        cursor(variables, cursor);
        JsonNode user = gql.execute(new GqlCall("ClipsCards__User", variables)).path("user");
        if (user.isNull() || user.isMissingNode()) {
            throw ProblemException.notFound("No user " + login);
        }
        return page(user.path("clips"));
    }

    public ClipCardsPage topClipsOfGame(String slug, String filter, int limit, String cursor, List<String> languages) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw ProblemException.badParameter("slug", "must be a category slug like 'league-of-legends'");
        }
        ObjectNode variables = vars().put("categorySlug", slug).put("limit", limit(limit));
        ObjectNode criteria = variables.putObject("criteria").put("filter", filter(filter));
        if (languages != null && !languages.isEmpty()) {
            languages.forEach(l -> {
                if (!l.matches("[a-zA-Z]{2,3}")) {
                    throw ProblemException.badParameter("language", "must be a language code like 'en'");
                }
            });
            languages.forEach(criteria.putArray("languages")::add);
        }
        cursor(variables, cursor);
        JsonNode game = gql.execute(new GqlCall("ClipsCards__Game", variables)).path("game");
        if (game.isNull() || game.isMissingNode()) {
            throw ProblemException.notFound("No category " + slug);
        }
        return page(game.path("clips"));
    }

    public StreamInfo streamMetadata(String login) {
        requireLogin(login);
        JsonNode user = gql.execute(new GqlCall("StreamMetadata", vars().put("channelLogin", login.toLowerCase(Locale.ROOT))
                .put("includeIsDJ", true))).path("user");
        if (user.isNull() || user.isMissingNode()) {
            throw ProblemException.notFound("No user " + login);
        }
        JsonNode stream = user.path("stream");
        boolean live = stream.isObject();
        return new StreamInfo(text(user, "id"), login.toLowerCase(Locale.ROOT),
                user.path("roles").path("isPartner").asBoolean(user.path("isPartner").asBoolean(false)), live,
                live ? text(stream, "id") : null, live && stream.hasNonNull("createdAt") ? streamTime(stream) : null,
                live && stream.hasNonNull("viewersCount") ? stream.path("viewersCount").asInt() : null,
                live ? text(stream.path("game"), "id") : null, live ? text(stream.path("game"), "name") : null,
                text(user.path("lastBroadcast"), "id"), text(user.path("lastBroadcast"), "title"),
                text(user.path("primaryTeam"), "name"));
    }

    /**
     * A page of clip cards. A card without its id, with a view count, duration or creation time
     * missing or of another type, or an edge that is not an object, is Twitch answering outside
     * its form: a 502 problem naming the field (never its value), not a 0, a lost time or a 500.
     */
    static ClipCardsPage page(JsonNode clips) {
        JsonNode edges = clips.path("edges");
        if (!edges.isMissingNode() && !edges.isNull() && !edges.isArray()) {
            throw malformed("clips.edges", "is not an array");
        }
        List<ClipCard> cards = new ArrayList<>();
        String last = null;
        for (JsonNode edge : edges) {
            JsonNode n = edge.path("node");
            if (!n.isObject()) {
                throw malformed("clips.edges.node", "is not an object");
            }
            cards.add(new ClipCard(id(n, "id"), text(n, "slug"), text(n, "url"), text(n, "title"), count(n, "viewCount"),
                    time(n, "createdAt"), (int) Math.min(Integer.MAX_VALUE, count(n, "durationSeconds")),
                    text(n, "language"), n.path("isFeatured").asBoolean(false), text(n.path("broadcaster"), "id"),
                    text(n.path("broadcaster"), "login"), text(n.path("curator"), "id"), text(n.path("curator"), "login"),
                    text(n.path("game"), "id"), text(n.path("game"), "name")));
            last = text(edge, "cursor");
        }
        return new ClipCardsPage(cards, clips.path("pageInfo").path("hasNextPage").asBoolean(false) ? last : null);
    }

    private static String id(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw malformed("clip " + field, value.isMissingNode() || value.isNull() ? "is missing" : "is not a non-empty string");
        }
        return value.asText();
    }

    private static long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw malformed("clip " + field, value.isMissingNode() || value.isNull() ? "is missing" : "is not a whole number ≥ 0");
        }
        return value.asLong();
    }

    private static Instant time(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isTextual()) {
            try {
                return java.time.OffsetDateTime.parse(value.asText()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                // refused below
            }
        }
        throw malformed("clip " + field, value.isMissingNode() || value.isNull() ? "is missing" : "is not an RFC 3339 time");
    }

    private static Instant streamTime(JsonNode stream) {
        try {
            return java.time.OffsetDateTime.parse(stream.path("createdAt").asText()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw malformed("stream createdAt", "is not an RFC 3339 time");
        }
    }

    private static ProblemException malformed(String field, String reason) {
        return new ProblemException(ProblemType.UPSTREAM_ERROR, 502, "Twitch GQL answered with " + field + " that " + reason);
    }

    static void requireVideoId(String videoId) {
        if (videoId == null || !VIDEO_ID.matcher(videoId).matches()) {
            throw ProblemException.badParameter("videoId", "must be a numeric video id");
        }
    }

    private static void requireLogin(String login) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw ProblemException.badParameter("login", "must be a Twitch login ([A-Za-z0-9_], 1 to 25 characters)");
        }
    }

    private static String filter(String filter) {
        String f = filter == null ? "LAST_WEEK" : filter.toUpperCase(Locale.ROOT);
        if (!FILTERS.contains(f)) {
            throw ProblemException.badParameter("filter", "must be one of LAST_DAY, LAST_WEEK, LAST_MONTH, ALL_TIME");
        }
        return f;
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 100) {
            throw ProblemException.badParameter("limit", "must be between 1 and 100");
        }
        return limit;
    }

    private static void cursor(ObjectNode variables, String cursor) {
        if (cursor != null && !cursor.isBlank()) {
            if (cursor.length() > 500) {
                throw ProblemException.badParameter("cursor", "is too long");
            }
            variables.put("cursor", cursor);
        } else {
            variables.putNull("cursor");
        }
    }

    private static ObjectNode vars() {
        return JSON.createObjectNode();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
