package io.lurker.emulator.world;

import static io.lurker.emulator.support.Twitch.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.lurker.emulator.clock.EmulatorClock;
import io.lurker.emulator.support.Twitch;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-written fixture world over HTTP, and time moving through the admin API: exact
 * values a user would check, clips appearing at their time, streams going offline.
 */
@QuarkusTest
class LivingWorldTest {

    @Inject
    World world;

    @AfterEach
    void restore() {
        given().contentType("application/json").body(Map.of("time", EmulatorClock.DEFAULT_FIXED_START.toString()))
                .put("/emulator/clock").then().statusCode(200);
        given().contentType("application/json").body("{}").post("/emulator/world/reset").then().statusCode(200);
    }

    private void loadFixture() {
        given().contentType("application/json").body(Map.of("time", "2025-03-14T18:00:00Z")).put("/emulator/clock")
                .then().statusCode(200);
        given().contentType("application/json").body(Map.of("fixture", "classpath:fixtures/small-world.json"))
                .post("/emulator/world/reset").then().statusCode(200).body("channels", equalTo(4)).body("size", equalTo("fixture"));
    }

    @Test
    void fixtureWorldAnswersExactlyWhatItDeclares() {
        loadFixture();
        String token = Twitch.appToken("fixture-client", "fixture-secret");
        var helix = given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token);
        JsonPath streams = helix.get("/helix/streams").then().statusCode(200).extract().jsonPath();
        assertThat(streams.getList("data.user_login")).containsExactly("alpha_lol", "delta");
        assertThat(streams.getInt("data[0].viewer_count")).isEqualTo(5200);
        assertThat(streams.getString("data[0].game_name")).isEqualTo("League of Legends");

        JsonPath clips = given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .queryParam("broadcaster_id", "1001").get("/helix/clips").then().statusCode(200).extract().jsonPath();
        assertThat(clips.getList("data.id")).containsExactly("AwkwardHelplessSalamanderSwiftRage-aaaaaaaaaaaaaaaa",
                "BraveCleverOtterKappa-bbbbbbbbbbbbbbbb");
        assertThat(clips.getInt("data[0].vod_offset")).isEqualTo(1771);
        assertThat(clips.getString("data[0].video_id")).isEqualTo("700001");
        assertThat(clips.getString("data[1].vod_offset")).isNull();

        JsonPath video = given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .queryParam("id", "700002").get("/helix/videos").then().statusCode(200).extract().jsonPath();
        assertThat(video.getString("data[0].duration")).isEqualTo("3h47m32s");
        assertThat(video.getString("data[0].stream_id")).isEqualTo("50003");
        given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .queryParam("id", "700001").get("/helix/videos").then().statusCode(200)
                .body("data[0].duration", equalTo("2h0m0s")).body("data[0].muted_segments[0].offset", equalTo(360));
        given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .queryParam("user_id", "1003").get("/helix/videos").then().statusCode(200).body("data.size()", equalTo(0));
        given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .queryParam("id", "OddQuaintMoleBabyRage-eeeeeeeeeeeeeeee").get("/helix/clips").then().statusCode(200)
                .body("data[0].video_id", equalTo("")).body("data[0].vod_offset", nullValue());

        // the fixture's user: refresh token and follower rows
        JsonPath refreshed = given().formParams(Map.of("client_id", "fixture-client", "client_secret", "fixture-secret",
                "grant_type", "refresh_token", "refresh_token", "fixture-refresh-alpha")).post("/oauth2/token")
                .then().statusCode(200).extract().jsonPath();
        given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + refreshed.getString("access_token"))
                .queryParam("broadcaster_id", "1001").queryParam("first", 3).get("/helix/channels/followers").then()
                .statusCode(200).body("total", equalTo(120000)).body("data.size()", equalTo(3));
        given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + refreshed.getString("access_token"))
                .get("/helix/users").then().statusCode(200).body("data[0].email", equalTo("alpha_lol@users.emulator.invalid"));

        given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .queryParam("broadcaster_id", "1001").get("/helix/schedule").then().statusCode(200)
                .body("data.segments[0].title", equalTo("Viewer games")).body("data.segments[0].category", nullValue())
                .body("data.segments[0].start_time", equalTo("2025-03-14T20:00:00Z")).body("data.vacation", nullValue());
        given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .queryParam("broadcaster_id", "1001").get("/helix/teams/channel").then().statusCode(200)
                .body("data[0].team_name", equalTo("novaesports"));
        given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .queryParam("broadcaster_id", "1001").get("/helix/chat/emotes").then().statusCode(200)
                .body("data.name", equalTo(List.of("alphaHype", "alphaGG")));
    }

    @Test
    void advancingTheClockChangesTitlesGamesClipsAndLiveness() {
        loadFixture();
        String token = Twitch.appToken("fixture-client", "fixture-secret");
        var helix = given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token);
        helix.queryParam("id", "HappyJollyPandaPogChamp-cccccccccccccccc").get("/helix/clips").then().statusCode(200)
                .body("data.size()", equalTo(0));
        given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .queryParam("broadcaster_id", "1001").get("/helix/channels").then()
                .body("data[0].title", equalTo("Ranked grind")).body("data[0].game_name", equalTo("League of Legends"));

        Twitch.advance("PT1H");
        given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .queryParam("broadcaster_id", "1001").get("/helix/channels").then()
                .body("data[0].title", equalTo("Chatting after ranked")).body("data[0].game_name", equalTo("Just Chatting"));
        JsonPath streams = given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .get("/helix/streams").then().extract().jsonPath();
        assertThat(streams.getList("data.user_login")).containsExactly("alpha_lol", "delta", "charlie_mc");

        Twitch.advance("PT1H30M");
        given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .queryParam("id", "HappyJollyPandaPogChamp-cccccccccccccccc").get("/helix/clips").then().statusCode(200)
                .body("data[0].view_count", equalTo(50));

        Twitch.advance("PT2H");
        JsonPath later = given().header("Client-Id", "fixture-client").header("Authorization", "Bearer " + token)
                .get("/helix/streams").then().extract().jsonPath();
        assertThat(later.getList("data.user_login")).containsExactly("delta");
        given().get("/emulator/truth/streams?game_id=21779").then().body("total", equalTo(1)).body("viewers", equalTo(800));
    }
}
