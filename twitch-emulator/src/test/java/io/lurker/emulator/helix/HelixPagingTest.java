package io.lurker.emulator.helix;

import static io.lurker.emulator.support.Twitch.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.emulator.support.Twitch;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.ClipQuery;
import io.lurker.emulator.world.World;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On a static world (manual clock), walking any list with cursors yields every item exactly once. */
@QuarkusTest
class HelixPagingTest {

    @Inject
    World world;

    String token;

    @BeforeEach
    void setUp() {
        Twitch.resetAdmin();
        token = Twitch.appToken();
    }

    /** Follows cursors to the end; checks that the last page says {@code "pagination": {}}. */
    private List<String> walk(String path, String idField, Object... params) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 500; page++) {
            List<Object> all = new ArrayList<>(List.of(params));
            if (cursor != null) {
                all.add("after");
                all.add(cursor);
            }
            JsonPath json = get(token, path, all.toArray()).then().statusCode(200).extract().jsonPath();
            ids.addAll(json.getList("data." + idField, String.class));
            Map<String, Object> pagination = json.getMap("pagination");
            assertThat(pagination).isNotNull();
            cursor = (String) pagination.get("cursor");
            if (cursor == null) {
                assertThat(pagination).isEmpty();
                return ids;
            }
        }
        throw new AssertionError("no end of " + path);
    }

    private static void once(List<String> ids) {
        assertThat(new HashSet<>(ids)).as("no duplicates").hasSize(ids.size());
    }

    @Test
    void streamsWalkEqualsEveryLiveStreamInViewerOrder() {
        List<String> ids = walk("/streams", "user_id", "first", 3);
        once(ids);
        List<String> truth = given().get("/emulator/truth/streams").then().statusCode(200).extract().jsonPath()
                .getList("data.user_id", String.class);
        assertThat(ids).isNotEmpty().isEqualTo(truth);
    }

    @Test
    void topGamesWalkCoversEveryGame() {
        List<String> ids = walk("/games/top", "id", "first", 7);
        once(ids);
        assertThat(ids).hasSize(world.games().size());
    }

    @Test
    void clipsWalkStopsAtThePagingCapWhileGroundTruthHasAll() {
        Channel c = world.channels().stream()
                .max(Comparator.comparingInt(ch -> world.clips(ClipQuery.ofBroadcaster(ch, null, null, null), 0).size()))
                .orElseThrow();
        List<String> truth = given().queryParam("broadcaster_id", c.id()).get("/emulator/truth/clips").then()
                .statusCode(200).extract().jsonPath().getList("data.id", String.class);
        assertThat(truth).as("more clips than the test cap of 50").hasSizeGreaterThan(50);
        List<String> ids = walk("/clips", "id", "broadcaster_id", c.id(), "first", 9);
        once(ids);
        assertThat(ids).isEqualTo(truth.subList(0, 50));
    }

    @Test
    void clipsOfAWindowWalkEqualsTheWindowsGroundTruth() {
        Channel c = world.live().streams().get(0).channel();
        String from = world.now().minusSeconds(3 * 86400).toString();
        String to = world.now().toString();
        List<String> truth = given().queryParam("broadcaster_id", c.id()).queryParam("started_at", from)
                .queryParam("ended_at", to).get("/emulator/truth/clips").then().statusCode(200).extract().jsonPath()
                .getList("data.id", String.class);
        List<String> ids = walk("/clips", "id", "broadcaster_id", c.id(), "started_at", from, "ended_at", to, "first", 4);
        once(ids);
        assertThat(ids).isEqualTo(truth.size() > 50 ? truth.subList(0, 50) : truth);
    }

    @Test
    void videosWalkEqualsTheUsersVideos() {
        Channel c = world.channels().stream().max(Comparator.comparingInt(ch -> world.videosOf(ch).size())).orElseThrow();
        List<String> ids = walk("/videos", "id", "user_id", c.id(), "first", 2);
        once(ids);
        assertThat(ids).hasSize(world.videosOf(c).size()).hasSizeGreaterThan(2);
    }

    @Test
    void searchAndFollowersWalk() {
        List<String> categories = walk("/search/categories", "id", "query", "a", "first", 4);
        once(categories);
        assertThat(categories).hasSize((int) world.games().stream().filter(g -> g.name().toLowerCase().contains("a")).count());
        List<String> channels = walk("/search/channels", "id", "query", "a", "first", 10);
        once(channels);
        assertThat(channels).hasSize((int) world.channels().stream()
                .filter(ch -> ch.login().contains("a") || ch.displayName().toLowerCase().contains("a")).count());
        Channel small = world.channels().stream().filter(ch -> world.followerTotal(ch) > 20 && world.followerTotal(ch) < 400)
                .findFirst().orElseThrow();
        String userToken = (String) Twitch.userGrant(small.id(), "moderator:read:followers").get("access_token");
        String saved = token;
        token = userToken;
        List<String> followers = walk("/channels/followers", "user_id", "broadcaster_id", small.id(), "first", 17);
        token = saved;
        once(followers);
        assertThat(followers).hasSize((int) world.followerTotal(small));
    }

    @Test
    void beforeReturnsThePreviousPageAndCursorsAreStable() {
        JsonPath first = get(token, "/games/top", "first", 5).then().extract().jsonPath();
        JsonPath second = get(token, "/games/top", "first", 5, "after", first.getString("pagination.cursor"))
                .then().extract().jsonPath();
        JsonPath back = get(token, "/games/top", "first", 5, "before", second.getString("pagination.cursor"))
                .then().extract().jsonPath();
        assertThat(back.getList("data.id")).isEqualTo(first.getList("data.id"));
        JsonPath again = get(token, "/games/top", "first", 5).then().extract().jsonPath();
        assertThat(again.getString("pagination.cursor")).isEqualTo(first.getString("pagination.cursor"));
    }

    @Test
    void scheduleWalk() {
        Channel c = world.channels().stream().filter(ch -> ch.schedule() != null).findFirst().orElseThrow();
        List<String> starts = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < 4; i++) {
            JsonPath json = cursor == null ? get(token, "/schedule", "broadcaster_id", c.id(), "first", 3).then().extract().jsonPath()
                    : get(token, "/schedule", "broadcaster_id", c.id(), "first", 3, "after", cursor).then().extract().jsonPath();
            starts.addAll(json.getList("data.segments.start_time", String.class));
            cursor = json.getString("pagination.cursor");
        }
        once(starts);
        assertThat(starts).hasSize(12).isSorted();
    }
}
