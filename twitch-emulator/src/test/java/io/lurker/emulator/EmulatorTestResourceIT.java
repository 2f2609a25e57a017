package io.lurker.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test-jar's resource against the packaged emulator (runs in the failsafe phase, after
 * {@code package}): it starts a separate JVM, hands out the config other modules use, reuses
 * one process per configuration, and {@link EmulatorAdmin} drives it.
 */
class EmulatorTestResourceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode send(HttpRequest request, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.uri() + " " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    @Test
    void startsTheEmulatorAndPointsTwitchUrlsAtIt() throws Exception {
        EmulatorTestResource resource = new EmulatorTestResource();
        resource.init(Map.of(EmulatorTestResource.SIZE, "tiny", EmulatorTestResource.CLOCK, "manual"));
        Map<String, String> config = resource.start();
        String base = config.get("lurker.test.emulator.url");
        assertThat(config).containsEntry("lurker.twitch.helix-url", base + "/helix")
                .containsEntry("lurker.twitch.id-url", base + "/oauth2")
                .containsKeys("lurker.twitch.gql-url", "lurker.twitch.web-url", "lurker.twitch.bttv-url",
                        "lurker.twitch.ffz-url", "lurker.twitch.seventv-url", "lurker.twitch.irc-host",
                        "lurker.twitch.irc-port", "lurker.test.emulator.admin-key", "lurker.test.emulator.client-id");

        // a client gets a token and pages through the top games to the end
        String form = "client_id=" + config.get("lurker.test.emulator.client-id") + "&client_secret="
                + config.get("lurker.test.emulator.client-secret") + "&grant_type=client_credentials";
        String token = send(HttpRequest.newBuilder(URI.create(config.get("lurker.twitch.id-url") + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), 200).path("access_token").asText();
        List<String> games = new ArrayList<>();
        String cursor = null;
        do {
            String url = config.get("lurker.twitch.helix-url") + "/games/top?first=15" + (cursor == null ? "" : "&after=" + cursor);
            JsonNode page = send(HttpRequest.newBuilder(URI.create(url)).header("Client-Id", "lurker-dev-client")
                    .header("Authorization", "Bearer " + token).build(), 200);
            page.path("data").forEach(g -> games.add(g.path("name").asText()));
            cursor = page.path("pagination").path("cursor").asText(null);
        } while (cursor != null);
        assertThat(games).hasSize(40).contains("League of Legends").doesNotHaveDuplicates();

        // the admin API needs the key; EmulatorAdmin sends it
        send(HttpRequest.newBuilder(URI.create(base + "/emulator/clock")).build(), 401);
        EmulatorAdmin admin = resource.admin();
        var before = admin.now();
        admin.advance(Duration.ofHours(1));
        assertThat(admin.now()).isEqualTo(before.plusSeconds(3600));
        assertThat(admin.truthTopGames().path("data").size()).isEqualTo(40);
        assertThat(admin.requests("/helix/games/top")).isEqualTo(3);
        assertThat(admin.bucket("app:lurker-dev-client").path("requests").asLong()).isEqualTo(3);
        admin.setFault("/helix/games/top", 1.0, 503, 0, false);
        send(HttpRequest.newBuilder(URI.create(config.get("lurker.twitch.helix-url") + "/games/top"))
                .header("Client-Id", "lurker-dev-client").header("Authorization", "Bearer " + token).build(), 503);
        admin.clearFaults();
        assertThatThrownBy(() -> admin.truthVideosOfUser("nobody")).hasMessageContaining("404");

        // same configuration, same process; another configuration, another process
        EmulatorTestResource again = new EmulatorTestResource();
        again.init(Map.of(EmulatorTestResource.SIZE, "tiny", EmulatorTestResource.CLOCK, "manual"));
        assertThat(again.start().get("lurker.test.emulator.url")).isEqualTo(base);
        EmulatorTestResource fixture = new EmulatorTestResource();
        fixture.init(Map.of(EmulatorTestResource.FIXTURE, "classpath:fixtures/small-world.json"));
        String other = fixture.start().get("lurker.test.emulator.url");
        assertThat(new HashSet<>(List.of(base, other))).hasSize(2);
        assertThat(fixture.admin().world().path("channels").asInt()).isEqualTo(4);
    }
}
