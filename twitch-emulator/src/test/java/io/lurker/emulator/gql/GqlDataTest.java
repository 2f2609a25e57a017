package io.lurker.emulator.gql;

import static io.lurker.emulator.gql.GqlClient.anonymous;
import static io.lurker.emulator.gql.GqlClient.grant;
import static io.lurker.emulator.gql.GqlClient.op;
import static io.lurker.emulator.gql.GqlClient.post;
import static io.lurker.emulator.gql.GqlClient.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the operations answer: chat replay paging against the ground truth, chapters, clip cards, metadata. */
@QuarkusTest
class GqlDataTest {

    private static boolean reset;
    private static Map<String, Object> replayVideo;

    @BeforeEach
    void freshWorld() {
        if (!reset) {
            given().contentType("application/json").body("{}").post("/emulator/world/reset").then().statusCode(200);
            reset = true;
        }
    }

    /** A finished archive with several chapters and a few hundred comments or more. */
    private static Map<String, Object> replayVideo() {
        if (replayVideo == null) {
            replayVideo = findReplayVideo();
        }
        return replayVideo;
    }

    private static Map<String, Object> findReplayVideo() {
        List<Map<String, Object>> archives = given().get("/emulator/gql/truth/archives?comments=true&limit=1000").then()
                .statusCode(200).extract().jsonPath().getList("$");
        for (Map<String, Object> a : archives) {
            int total = (Integer) a.get("comments");
            if ((Integer) a.get("chapters") > 1 && !(Boolean) a.get("live") && total >= 300 && total <= 3000) {
                return a;
            }
        }
        throw new AssertionError("no archive with chapters and 300..3000 comments in the test world");
    }

    @Test
    void offsetThenCursorPagingYieldsEveryCommentOnceInOrderWithStableIds() {
        String videoId = (String) replayVideo().get("video_id");
        List<String> truth = given().get("/emulator/gql/truth/comments?video_id=" + videoId).then().extract().jsonPath()
                .getList("data.id");
        GqlClient.Grant grant = grant(GqlClient.CLEAN_UA);

        List<String> seen = new ArrayList<>();
        JsonPath page = post(anonymous(), op("VideoCommentsByOffsetOrCursor", Map.of("videoID", videoId, "contentOffsetSeconds", 0)));
        int pages = 1;
        int previousOffset = -1;
        while (true) {
            List<Map<String, Object>> edges = page.getList("data.video.comments.edges");
            for (Map<String, Object> edge : edges) {
                @SuppressWarnings("unchecked") Map<String, Object> node = (Map<String, Object>) edge.get("node");
                seen.add((String) node.get("id"));
                int offset = (Integer) node.get("contentOffsetSeconds");
                assertThat(offset).isGreaterThanOrEqualTo(previousOffset);
                previousOffset = offset;
                assertThat(node).containsKeys("commenter", "createdAt", "message");
                assertThat(edge.get("cursor")).isNotNull();
            }
            if (!page.getBoolean("data.video.comments.pageInfo.hasNextPage")) {
                break;
            }
            String cursor = (String) edges.get(edges.size() - 1).get("cursor");
            page = post(with(grant), op("VideoCommentsByOffsetOrCursor", Map.of("videoID", videoId, "cursor", cursor)));
            assertThat(page.getMap("$")).doesNotContainKey("errors");
            pages++;
        }
        assertThat(pages).isGreaterThan(3);
        assertThat(seen).containsExactlyElementsOf(truth);

        // the same offset gives the same comments again, and an offset in the middle starts where the truth says
        JsonPath again = post(anonymous(), op("VideoCommentsByOffsetOrCursor", Map.of("videoID", videoId, "contentOffsetSeconds", 0)));
        assertThat(again.getList("data.video.comments.edges.node.id")).containsExactlyElementsOf(truth.subList(0, 50));
        List<Integer> offsets = given().get("/emulator/gql/truth/comments?video_id=" + videoId).then().extract().jsonPath()
                .getList("data.content_offset_seconds");
        int middle = offsets.get(truth.size() / 2);
        int firstAtMiddle = offsets.indexOf(middle);
        JsonPath fromMiddle = post(anonymous(), op("VideoCommentsByOffsetOrCursor", Map.of("videoID", videoId, "contentOffsetSeconds", middle)));
        assertThat(fromMiddle.getString("data.video.comments.edges[0].node.id")).isEqualTo(truth.get(firstAtMiddle));
        assertThat(fromMiddle.getBoolean("data.video.comments.pageInfo.hasPreviousPage")).isTrue();

        // cursor paging is guarded; a cursor of another video is refused
        String cursor = again.getString("data.video.comments.edges[49].cursor");
        assertThat(post(anonymous(), op("VideoCommentsByOffsetOrCursor", Map.of("videoID", videoId, "cursor", cursor)))
                .getString("errors[0].message")).isEqualTo("failed integrity check");
        String otherVideo = (String) GqlClient.archives().stream().filter(a -> !videoId.equals(a.get("video_id"))).findFirst()
                .orElseThrow().get("video_id");
        assertThat(post(with(grant), op("VideoCommentsByOffsetOrCursor", Map.of("videoID", otherVideo, "cursor", cursor)))
                .getString("errors[0].message")).isEqualTo("invalid cursor");
    }

    @Test
    void commentsCarryFragmentsEmotesBadgesAndColours() {
        String videoId = (String) replayVideo().get("video_id");
        JsonPath page = post(anonymous(), op("VideoCommentsByOffsetOrCursor", Map.of("videoID", videoId, "contentOffsetSeconds", 0)));
        List<Map<String, Object>> nodes = page.getList("data.video.comments.edges.node");
        boolean sawEmote = false;
        for (Map<String, Object> node : nodes) {
            @SuppressWarnings("unchecked") Map<String, Object> message = (Map<String, Object>) node.get("message");
            @SuppressWarnings("unchecked") List<Map<String, Object>> fragments = (List<Map<String, Object>>) message.get("fragments");
            assertThat(fragments).isNotEmpty();
            for (Map<String, Object> f : fragments) {
                if (f.get("emote") != null) {
                    sawEmote = true;
                    @SuppressWarnings("unchecked") Map<String, Object> emote = (Map<String, Object>) f.get("emote");
                    assertThat(emote).containsKeys("emoteID", "from", "id");
                }
            }
            assertThat(message).containsKeys("userBadges", "userColor");
        }
        assertThat(sawEmote).isTrue();
        assertThat(page.getString("data.video.creator.id")).isNotBlank();
    }

    @Test
    void chaptersAreTheBroadcastsGameSegments() {
        Map<String, Object> video = replayVideo();
        String videoId = (String) video.get("video_id");
        List<Map<String, Object>> truth = given().get("/emulator/gql/truth/chapters?video_id=" + videoId).then().extract().jsonPath()
                .getList("data");
        JsonPath answer = post(anonymous(), op("VideoPlayer_ChapterSelectButtonVideo", Map.of("videoID", videoId, "includePrivate", false)));
        List<Map<String, Object>> moments = answer.getList("data.video.moments.edges.node");
        assertThat(moments).hasSize(truth.size()).hasSizeGreaterThan(1);
        long sum = 0;
        for (int i = 0; i < truth.size(); i++) {
            assertThat(((Number) moments.get(i).get("positionMilliseconds")).longValue())
                    .isEqualTo(((Integer) truth.get(i).get("position_seconds")) * 1000L);
            assertThat(moments.get(i).get("description")).isEqualTo(truth.get(i).get("game_name"));
            assertThat(moments.get(i).get("type")).isEqualTo("GAME_CHANGE");
            sum += ((Number) moments.get(i).get("durationMilliseconds")).longValue();
        }
        assertThat(sum).isEqualTo(((Number) video.get("length_seconds")).longValue() * 1000);

        // one game all along: no moments, as on Twitch
        String single = (String) GqlClient.archives().stream().filter(a -> (Integer) a.get("chapters") == 1).findFirst()
                .orElseThrow().get("video_id");
        assertThat(post(anonymous(), op("VideoPlayer_ChapterSelectButtonVideo", Map.of("videoID", single)))
                .getList("data.video.moments.edges")).isEmpty();
        assertThat(post(anonymous(), op("VideoPlayer_ChapterSelectButtonVideo", Map.of("videoID", "1")))
                .getMap("data")).containsEntry("video", null);
    }

    @Test
    void videoMetadataMatchesHelix() {
        Map<String, Object> video = replayVideo();
        JsonPath answer = post(anonymous(), op("VideoMetadata", Map.of("channelLogin", video.get("user_login"),
                "videoID", video.get("video_id"))));
        assertThat(answer.getString("data.video.owner.id")).isEqualTo(video.get("user_id"));
        assertThat(answer.getString("data.video.broadcastType")).isEqualTo("ARCHIVE");
        assertThat(answer.getLong("data.video.lengthSeconds")).isEqualTo(((Number) video.get("length_seconds")).longValue());
        assertThat(answer.getString("data.user.id")).isEqualTo(video.get("user_id"));
        List<Map<String, Object>> helixVideos = given().get("/emulator/truth/videos?user_id=" + video.get("user_id"))
                .then().extract().jsonPath().getList("data");
        Map<String, Object> helix = helixVideos.stream().filter(v -> v.get("id").equals(video.get("video_id"))).findFirst().orElseThrow();
        assertThat(answer.getString("data.video.title")).isEqualTo(helix.get("title"));
        assertThat(answer.getString("data.video.createdAt")).isEqualTo(helix.get("created_at"));
    }

    @Test
    void clipCardsPageThroughAChannelsAndAGamesClipsByViews() {
        GqlClient.Grant grant = grant(GqlClient.CLEAN_UA);
        // the most watched live channels have the most clips
        Map<String, Object> busiest = null;
        List<Map<String, Object>> streams = given().get("/emulator/truth/streams").then().extract().jsonPath().getList("data");
        for (Map<String, Object> stream : streams.subList(0, Math.min(10, streams.size()))) {
            int total = given().get("/emulator/truth/clips?broadcaster_id=" + stream.get("user_id")).then().extract().path("total");
            if (total > 12) {
                busiest = Map.of("user_id", stream.get("user_id"), "user_login", stream.get("user_login"));
                break;
            }
        }
        assertThat(busiest).isNotNull();
        List<String> truth = given().get("/emulator/truth/clips?broadcaster_id=" + busiest.get("user_id")).then().extract().jsonPath()
                .getList("data.id");
        List<String> seen = new ArrayList<>();
        Object cursor = null;
        while (true) {
            Map<String, Object> variables = new HashMap<>(Map.of("login", busiest.get("user_login"), "limit", 5,
                    "criteria", Map.of("filter", "ALL_TIME")));
            variables.put("cursor", cursor);
            JsonPath page = post(with(grant), op("ClipsCards__User", variables));
            List<Map<String, Object>> edges = page.getList("data.user.clips.edges");
            edges.forEach(e -> seen.add((String) ((Map<?, ?>) e.get("node")).get("slug")));
            if (!page.getBoolean("data.user.clips.pageInfo.hasNextPage")) {
                break;
            }
            cursor = edges.get(edges.size() - 1).get("cursor");
        }
        assertThat(seen).containsExactlyElementsOf(truth);

        String game = given().get("/emulator/truth/games/top").then().extract().path("data[0].name");
        JsonPath top = post(with(grant), op("ClipsCards__Game", Map.of("categorySlug", GqlOperations.slug(game), "limit", 10,
                "criteria", Map.of("filter", "LAST_WEEK"))));
        List<Integer> views = top.getList("data.game.clips.edges.node.viewCount");
        assertThat(views).isNotEmpty().isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(top.getString("data.game.name")).isEqualTo(game);
        assertThat(post(with(grant), op("ClipsCards__User", Map.of("login", "x", "limit", 5, "criteria", Map.of("filter", "SOMETIMES"))))
                .getString("errors[0].message")).contains("SOMETIMES");
    }

    @Test
    void streamMetadataMatchesTheLiveStream() {
        Map<String, Object> stream = given().get("/emulator/truth/streams").then().extract().jsonPath().getMap("data[0]");
        JsonPath answer = post(anonymous(), op("StreamMetadata", Map.of("channelLogin", stream.get("user_login"), "includeIsDJ", true)));
        assertThat(answer.getString("data.user.id")).isEqualTo(stream.get("user_id"));
        assertThat(answer.getString("data.user.stream.id")).isEqualTo(stream.get("id"));
        assertThat(answer.getInt("data.user.stream.viewersCount")).isEqualTo(stream.get("viewer_count"));
        assertThat(answer.getString("data.user.stream.game.id")).isEqualTo(stream.get("game_id"));
        assertThat(answer.getBoolean("data.user.roles.isParticipatingDJ")).isFalse();
    }
}
