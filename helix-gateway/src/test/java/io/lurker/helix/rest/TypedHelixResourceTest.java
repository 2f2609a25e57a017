package io.lurker.helix.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.helix.support.HelixEmulator;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed Helix API against the emulator's ground truth. */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.SIZE, value = "small"),
        @ResourceArg(name = EmulatorTestResource.PROPERTIES, value = "lurker.emulator.clips-page-cap=50")})
class TypedHelixResourceTest {

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @BeforeEach
    void token() {
        emulator.clearFaults();
        HelixEmulator.ensureAppToken(emulator, pool);
    }

    private static RequestSpecification reader() {
        return given().auth().oauth2(TestTokens.read());
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static Set<String> ids(List<JsonNode> rows, String field) {
        return rows.stream().map(r -> r.path(field).asText()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void usersByIdAreBatchedAHundredPerCall() {
        Instant now = emulator.now();
        Set<String> broadcasters = new LinkedHashSet<>();
        for (JsonNode game : list(emulator.truthTopGames().path("data"))) {
            broadcasters.addAll(ids(list(emulator.truthClipsOfGame(game.path("id").asText(), now.minus(Duration.ofDays(20)), now)
                    .path("data")), "broadcaster_id"));
            if (broadcasters.size() >= 150) {
                break;
            }
        }
        List<String> wanted = new ArrayList<>(broadcasters).subList(0, 150);
        long before = emulator.requests("/helix/users");
        RequestSpecification request = reader();
        wanted.forEach(id -> request.queryParam("id", id));
        JsonPath answer = request.get("/api/v1/helix/users").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("data.id", String.class)).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(emulator.requests("/helix/users") - before).isEqualTo(2);

        // and by login, as analytics-service asks: id, login, display_name
        List<String> logins = answer.getList("data.login", String.class).subList(0, 3);
        reader().queryParam("login", logins.get(0)).queryParam("login", logins.get(1).toUpperCase()).queryParam("login", logins.get(2))
                .queryParam("login", "nobody_has_this_login")
                .get("/api/v1/helix/users").then().statusCode(200)
                .body("data.size()", equalTo(3)).body("data[0].login", equalTo(logins.get(0)));
    }

    @Test
    void gamesByName() {
        reader().queryParam("name", "League of Legends").queryParam("name", "Minecraft")
                .get("/api/v1/helix/games").then().statusCode(200)
                .body("data.size()", equalTo(2)).body("data.find { it.name == 'League of Legends' }.id", equalTo("21779"));
    }

    @Test
    void liveStreamsOfAGameEqualTheTruthSortedByViewers() {
        JsonNode top = emulator.truthTopGames().path("data").get(0);
        String gameId = top.path("id").asText();
        List<JsonNode> truth = list(emulator.truthLiveStreams(gameId).path("data"));
        JsonPath answer = reader().queryParam("game_id", gameId).queryParam("first", 1000)
                .get("/api/v1/helix/streams").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("data.id", String.class)).containsExactlyInAnyOrderElementsOf(ids(truth, "id"));
        List<Integer> viewers = answer.getList("data.viewer_count", Integer.class);
        assertThat(viewers).isSortedAccordingTo(Comparator.reverseOrder());

        JsonPath firstTwo = reader().queryParam("game_id", gameId).queryParam("first", 2)
                .get("/api/v1/helix/streams").then().statusCode(200).extract().jsonPath();
        assertThat(firstTwo.getList("data.viewer_count", Integer.class)).containsExactlyElementsOf(viewers.subList(0, 2));
    }

    @Test
    void topGamesSumAllLiveStreamsOfEachGame() {
        List<JsonNode> truth = list(emulator.truthTopGames().path("data"));
        JsonPath answer = reader().queryParam("first", 15).get("/api/v1/helix/games/top").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> games = answer.getList("data");
        assertThat(games).hasSize(15);
        Map<String, JsonNode> byId = new HashMap<>();
        truth.forEach(g -> byId.put(g.path("id").asText(), g));
        for (Map<String, Object> game : games) {
            JsonNode expected = byId.get((String) game.get("id"));
            assertThat(((Number) game.get("streams")).intValue()).as("streams of %s", game.get("name"))
                    .isEqualTo(expected.path("live_streams").asInt());
            assertThat(((Number) game.get("viewers")).longValue()).as("viewers of %s", game.get("name"))
                    .isEqualTo(expected.path("viewers").asLong());
        }
        // some game has more than one page of live streams, so a 100-stream sample would be short
        assertThat(truth.stream().mapToInt(g -> g.path("live_streams").asInt()).max().orElse(0)).isGreaterThan(0);
    }

    @Test
    void everyClipOfAChannelOverItsWholeHistoryThoughQueriesAreCapped() {
        Instant now = emulator.now();
        Instant from = now.minus(Duration.ofDays(20));
        // the channel with most clips among the broadcasters of the top game's clips
        String gameId = emulator.truthTopGames().path("data").get(0).path("id").asText();
        Map<String, Long> perChannel = list(emulator.truthClipsOfGame(gameId, from, now).path("data")).stream()
                .collect(Collectors.groupingBy(c -> c.path("broadcaster_id").asText(), Collectors.counting()));
        String channel = perChannel.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<JsonNode> truth = list(emulator.truthClipsOfBroadcaster(channel, from, now).path("data"));
        assertThat(truth.size()).as("more clips than one capped query returns").isGreaterThan(50);

        JsonPath answer = reader().queryParam("broadcaster_id", channel).queryParam("started_at", from.toString())
                .queryParam("ended_at", now.toString())
                .get("/api/v1/helix/clips").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("data.id", String.class)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids(truth, "id"));
        assertThat(answer.getInt("total")).isEqualTo(truth.size());
        assertThat(answer.getBoolean("truncated")).isFalse();

        long threshold = truth.get(truth.size() / 2).path("view_count").asLong();
        JsonPath popular = reader().queryParam("broadcaster_id", channel).queryParam("started_at", from.toString())
                .queryParam("ended_at", now.toString()).queryParam("min_views", threshold)
                .get("/api/v1/helix/clips").then().statusCode(200).extract().jsonPath();
        assertThat(popular.getList("data.id", String.class)).containsExactlyInAnyOrderElementsOf(
                ids(truth.stream().filter(c -> c.path("view_count").asLong() >= threshold).toList(), "id"));
    }

    @Test
    void clipsOfAGameOverAWeekEqualTheTruth() {
        Instant now = emulator.now();
        Instant from = now.minus(Duration.ofDays(7));
        String gameId = emulator.truthTopGames().path("data").get(1).path("id").asText();
        List<JsonNode> truth = list(emulator.truthClipsOfGame(gameId, from, now).path("data"));
        JsonPath answer = reader().queryParam("game_id", gameId).queryParam("started_at", from.toString())
                .queryParam("ended_at", now.toString())
                .get("/api/v1/helix/clips").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("data.id", String.class)).containsExactlyInAnyOrderElementsOf(ids(truth, "id"));
    }

    @Test
    void videosCarryDurationSecondsAndTheMutedSummary() {
        String channel = emulator.truthLiveStreams(null).path("data").get(0).path("user_id").asText();
        List<JsonNode> truth = list(emulator.truthVideosOfUser(channel).path("data")).stream()
                .filter(v -> v.path("type").asText().equals("archive")).toList();
        JsonPath answer = reader().queryParam("user_id", channel).get("/api/v1/helix/videos").then().statusCode(200)
                .extract().jsonPath();
        assertThat(answer.getList("data.video.id", String.class)).containsExactlyElementsOf(ids(truth, "id"));
        for (int i = 0; i < truth.size(); i++) {
            JsonNode video = truth.get(i);
            long muted = list(video.path("muted_segments")).stream().mapToLong(s -> s.path("duration").asLong()).sum();
            assertThat(answer.getInt("data[" + i + "].muted.count")).isEqualTo(list(video.path("muted_segments")).size());
            assertThat(answer.getLong("data[" + i + "].muted.seconds")).isEqualTo(muted);
            assertThat(answer.getLong("data[" + i + "].durationSeconds")).isGreaterThan(0);
        }
    }

    @Test
    void channelProfileHasFollowersTeamsAndSchedule() {
        JsonNode stream = emulator.truthLiveStreams(null).path("data").get(0);
        String login = stream.path("user_login").asText();
        JsonPath profile = reader().get("/api/v1/helix/channels/" + login).then().statusCode(200).extract().jsonPath();
        assertThat(profile.getString("user.id")).isEqualTo(stream.path("user_id").asText());
        assertThat(profile.getLong("followersTotal")).isEqualTo(emulator.followerTotal(stream.path("user_id").asText()));
        assertThat(profile.getString("channel.title")).isEqualTo(stream.path("title").asText());
        assertThat(profile.getString("stream.id")).isEqualTo(stream.path("id").asText());
        assertThat(profile.getList("schedule")).isNotNull();
        if (!profile.getBoolean("hasSchedule")) {
            assertThat(profile.getList("schedule")).isEmpty();
        }
        reader().get("/api/v1/helix/channels/nobody_has_this_login").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badInputIsA400WithAReason() {
        reader().queryParam("login", "not a login!").get("/api/v1/helix/users").then().statusCode(400)
                .contentType("application/problem+json");
        reader().get("/api/v1/helix/users").then().statusCode(400);
        reader().queryParam("broadcaster_id", "1").queryParam("game_id", "2").queryParam("started_at", "2025-01-01T00:00:00Z")
                .get("/api/v1/helix/clips").then().statusCode(400);
        reader().queryParam("broadcaster_id", "1").queryParam("started_at", "yesterday")
                .get("/api/v1/helix/clips").then().statusCode(400);
        reader().queryParam("language", "english").get("/api/v1/helix/streams").then().statusCode(400);
        reader().queryParam("user_id", "1").queryParam("type", "movie").get("/api/v1/helix/videos").then().statusCode(400);
    }

    @Test
    void rolesAreChecked() {
        given().get("/api/v1/helix/games?name=Minecraft").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/helix/games?name=Minecraft").then().statusCode(403);
        given().auth().oauth2(TestTokens.internal()).get("/api/v1/helix/games?name=Minecraft").then().statusCode(200);
        given().auth().oauth2(TestTokens.read()).get("/api/v1/helix/games?name=Minecraft").then().statusCode(200);
    }
}
