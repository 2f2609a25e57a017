package io.lurker.emulator.helix;

import static io.lurker.emulator.support.Twitch.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.emulator.support.HelixSchemas;
import io.lurker.emulator.support.Twitch;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.LiveStream;
import io.lurker.emulator.world.Team;
import io.lurker.emulator.world.World;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint's JSON validated against the (closed) response schema of the OpenAPI subset. */
@QuarkusTest
class HelixConformanceTest {

    @Inject
    World world;

    String token;

    @BeforeEach
    void token() {
        Twitch.resetAdmin();
        token = Twitch.appToken();
    }

    private JsonPath conforms(String path, Response response) {
        assertThat(response.statusCode()).as(path + " " + response.asString()).isEqualTo(200);
        String body = response.asString();
        assertThat(HelixSchemas.validate(path, body)).as(path + " " + body).isEmpty();
        return response.jsonPath();
    }

    private Channel liveChannel() {
        List<LiveStream> live = world.live().streams();
        assertThat(live).as("the tiny test world has live streams at the clock's start").isNotEmpty();
        return live.get(0).channel();
    }

    private Channel mostClipped() {
        return world.channels().stream()
                .max(Comparator.comparingInt(c -> world.timeline().clipsOfChannel(c.index()).length)).orElseThrow();
    }

    @Test
    void validatorRejectsAnswersThatBreakTheSchema() {
        assertThat(HelixSchemas.validate("/games", "{\"data\":[{\"id\":\"1\",\"name\":\"x\",\"box_art_url\":\"u\"}]}"))
                .as("missing igdb_id").isNotEmpty();
        assertThat(HelixSchemas.validate("/games",
                "{\"data\":[{\"id\":\"1\",\"name\":\"x\",\"box_art_url\":\"u\",\"igdb_id\":\"\",\"extra\":1}]}"))
                .as("unknown field").isNotEmpty();
        assertThat(HelixSchemas.validate("/streams", "{\"data\":[{\"id\":1}]}")).as("wrong type").isNotEmpty();
    }

    @Test
    void users() {
        Channel c = liveChannel();
        JsonPath json = conforms("/users", get(token, "/users", "id", c.id(), "login", world.channels().get(1).login()));
        assertThat(json.getList("data.id")).contains(c.id(), world.channels().get(1).id());
    }

    @Test
    void channels() {
        Channel c = liveChannel();
        JsonPath json = conforms("/channels", get(token, "/channels", "broadcaster_id", c.id()));
        assertThat(json.getString("data[0].broadcaster_login")).isEqualTo(c.login());
    }

    @Test
    void followersTotalAndRows() {
        Channel c = liveChannel();
        JsonPath json = conforms("/channels/followers", get(token, "/channels/followers", "broadcaster_id", c.id()));
        assertThat(json.getLong("total")).isEqualTo(world.followerTotal(c));
        String userToken = (String) Twitch.userGrant(c.id(), "moderator:read:followers").get("access_token");
        JsonPath rows = conforms("/channels/followers",
                get(userToken, "/channels/followers", "broadcaster_id", c.id(), "first", 5));
        assertThat(rows.getList("data")).hasSize((int) Math.min(5, world.followerTotal(c)));
    }

    @Test
    void streams() {
        JsonPath json = conforms("/streams", get(token, "/streams", "first", 100));
        List<Integer> viewers = json.getList("data.viewer_count", Integer.class);
        assertThat(viewers).isNotEmpty().isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void clipsByBroadcasterGameAndId() {
        Channel c = mostClipped();
        JsonPath json = conforms("/clips", get(token, "/clips", "broadcaster_id", c.id(), "first", 100));
        List<Integer> views = json.getList("data.view_count", Integer.class);
        assertThat(views).isNotEmpty().isSortedAccordingTo(Comparator.reverseOrder());
        String gameId = json.getString("data[0].game_id");
        conforms("/clips", get(token, "/clips", "game_id", gameId));
        JsonPath byId = conforms("/clips", get(token, "/clips", "id", json.getString("data[0].id")));
        assertThat(byId.getMap("$")).doesNotContainKey("pagination");
    }

    @Test
    void videos() {
        Channel c = world.channels().stream().filter(ch -> !world.videosOf(ch).isEmpty()).findFirst().orElseThrow();
        JsonPath json = conforms("/videos", get(token, "/videos", "user_id", c.id()));
        assertThat(json.getList("data")).isNotEmpty();
        assertThat(json.getString("data[0].duration")).matches("(\\d+h)?(\\d+m)?\\d+s");
        conforms("/videos", get(token, "/videos", "id", json.getString("data[0].id")));
        conforms("/videos", get(token, "/videos", "game_id", "21779", "sort", "views"));
    }

    @Test
    void gamesAndTopGames() {
        JsonPath json = conforms("/games", get(token, "/games", "name", "League of Legends", "id", "27471"));
        assertThat(json.getList("data.name")).containsExactlyInAnyOrder("League of Legends", "Minecraft");
        conforms("/games/top", get(token, "/games/top", "first", 100));
    }

    @Test
    void teams() {
        Team team = world.data().teams().get(0);
        Channel member = team.members().get(0);
        JsonPath json = conforms("/teams/channel", get(token, "/teams/channel", "broadcaster_id", member.id()));
        assertThat(json.getList("data.team_name")).contains(team.name());
        JsonPath byName = conforms("/teams", get(token, "/teams", "name", team.name()));
        assertThat(byName.getList("data[0].users.user_id")).contains(member.id());
    }

    @Test
    void schedule() {
        Channel c = world.channels().stream().filter(ch -> ch.schedule() != null).findFirst().orElseThrow();
        JsonPath json = conforms("/schedule", get(token, "/schedule", "broadcaster_id", c.id()));
        assertThat(json.getList("data.segments")).isNotEmpty();
    }

    @Test
    void emotes() {
        Channel c = world.channels().stream().filter(ch -> ch.broadcasterType().equals("partner")).findFirst().orElseThrow();
        JsonPath json = conforms("/chat/emotes", get(token, "/chat/emotes", "broadcaster_id", c.id()));
        assertThat(json.getList("data")).isNotEmpty();
        assertThat(json.getString("template")).contains("{{id}}");
        JsonPath global = conforms("/chat/emotes/global", get(token, "/chat/emotes/global"));
        assertThat(global.getList("data.name")).contains("Kappa", "LUL");
    }

    @Test
    void search() {
        JsonPath categories = conforms("/search/categories", get(token, "/search/categories", "query", "league"));
        assertThat(categories.getList("data.name")).contains("League of Legends");
        Channel c = liveChannel();
        JsonPath channels = conforms("/search/channels", get(token, "/search/channels", "query", c.login()));
        assertThat(channels.getString("data[0].id")).isEqualTo(c.id());
        assertThat(channels.getBoolean("data[0].is_live")).isTrue();
    }
}
