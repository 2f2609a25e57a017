package io.lurker.emulator.helix;

import static io.lurker.emulator.support.Twitch.get;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.lurker.emulator.support.Twitch;
import io.lurker.emulator.world.World;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parameter validation as Twitch does it: 400 with its message, 404, 410. */
@QuarkusTest
class HelixValidationTest {

    @Inject
    World world;

    String token;

    @BeforeEach
    void setUp() {
        Twitch.resetAdmin();
        token = Twitch.appToken();
    }

    private void bad(String path, String message, Object... params) {
        get(token, path, params).then().statusCode(400).body("error", equalTo("Bad Request")).body("status", equalTo(400))
                .body("message", equalTo(message)).header("Ratelimit-Remaining", notNullValue());
    }

    @Test
    void pageSize() {
        bad("/streams", "The parameter \"first\" was malformed: the value must be less than or equal to 100", "first", 101);
        bad("/games/top", "The parameter \"first\" was malformed: the value must be greater than or equal to 1", "first", 0);
        bad("/clips", "The parameter \"first\" was malformed: the value must be an integer", "game_id", "21779", "first", "ten");
        String withSchedule = world.channels().stream().filter(c -> c.schedule() != null).findFirst().orElseThrow().id();
        bad("/schedule", "The parameter \"first\" was malformed: the value must be less than or equal to 25",
                "broadcaster_id", withSchedule, "first", 26);
    }

    @Test
    void tooManyIds() {
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            params.add("id");
            params.add(Integer.toString(1000 + i));
        }
        bad("/users", "The parameter \"id\" was malformed: the value must be less than or equal to 100", params.toArray());
        List<Object> mixed = new ArrayList<>(params.subList(0, 198));
        mixed.add("login");
        mixed.add("someone");
        mixed.add("login");
        mixed.add("other");
        bad("/users", "The parameter \"login\" was malformed: the value must be less than or equal to 100", mixed.toArray());
        List<Object> hundred = new ArrayList<>(params.subList(0, 200));
        get(token, "/users", hundred.toArray()).then().statusCode(200);
    }

    @Test
    void missingOrConflictingRequiredParameters() {
        bad("/clips", "One of id, broadcaster_id or game_id must be specified");
        bad("/clips", "The id, game_id and broadcaster_id query parameters are mutually exclusive",
                "game_id", "21779", "broadcaster_id", "1");
        bad("/clips", "The started_at parameter is required when ended_at is specified",
                "game_id", "21779", "ended_at", "2025-01-01T00:00:00Z");
        bad("/clips", "The parameter \"started_at\" was malformed: the value must be an RFC3339 timestamp",
                "game_id", "21779", "started_at", "yesterday");
        bad("/videos", "One of id, user_id or game_id must be specified");
        bad("/videos", "The after and before parameters may be specified only with user_id", "game_id", "21779", "after", "x");
        bad("/videos", "The parameter \"sort\" was malformed: the value must be one of \"time\", \"trending\", \"views\"",
                "game_id", "21779", "sort", "random");
        bad("/streams", "The parameter \"type\" was malformed: the value must be one of \"all\", \"live\"", "type", "vodcast");
        bad("/users", "Must provide an ID, Login or OAuth Token");
        bad("/users", "Invalid login names, emails or IDs in request", "login", "????");
        bad("/channels", "Missing required parameter \"broadcaster_id\"");
        bad("/games", "Must provide at least one id, name or igdb_id");
        bad("/search/channels", "Missing required parameter \"query\"");
        bad("/teams", "One of name or id must be specified");
        bad("/games/top", "The parameters \"after\" and \"before\" are mutually exclusive", "after", "a", "before", "b");
        bad("/games/top", "The parameter \"after\" was malformed: invalid cursor", "after", "garbage");
    }

    @Test
    void notFoundAndGone() {
        String noSchedule = world.channels().stream().filter(c -> c.schedule() == null).findFirst().orElseThrow().id();
        get(token, "/schedule", "broadcaster_id", noSchedule).then().statusCode(404).body("error", equalTo("Not Found"));
        get(token, "/clips", "game_id", "424242424").then().statusCode(404).body("message", equalTo("The ID in game_id was not found"));
        get(token, "/videos", "id", "1").then().statusCode(404);
        get(token, "/teams", "name", "no-such-team").then().statusCode(404);
        get(token, "/teams/channel", "broadcaster_id", noSchedule).then().statusCode(200);
        get(token, "/nothing/here").then().statusCode(404);
        for (String removed : List.of("/users/follows", "/tags/streams", "/streams/tags")) {
            get(token, removed).then().statusCode(410).body("error", equalTo("Gone"))
                    .body("message", equalTo("This API is not available."));
        }
    }
}
