package io.lurker.helix.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.philippheuer.credentialmanager.domain.OAuth2Credential;
import com.github.twitch4j.helix.TwitchHelix;
import com.github.twitch4j.helix.TwitchHelixBuilder;
import com.github.twitch4j.helix.domain.GameTopList;
import com.github.twitch4j.helix.domain.Stream;
import com.github.twitch4j.helix.domain.StreamList;
import com.github.twitch4j.helix.domain.User;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.helix.support.HelixEmulator;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Helix-compatible proxy, driven by twitch4j-helix (a published Helix client) and by plain HTTP. */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.SIZE, value = "small"),
        @ResourceArg(name = EmulatorTestResource.PROPERTIES, value = "lurker.emulator.clips-page-cap=50")})
class HelixProxyResourceTest {

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @TestHTTPResource("/helix")
    URL helixUrl;

    @BeforeEach
    void token() {
        emulator.clearFaults();
        HelixEmulator.ensureAppToken(emulator, pool);
    }

    @AfterEach
    void clear() {
        emulator.clearFaults();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private TwitchHelix twitch4j() {
        return TwitchHelixBuilder.builder().withBaseUrl(helixUrl.toString()).withClientId("any-client-id")
                .withDefaultAuthToken(new OAuth2Credential("twitch", TestTokens.read())).withTimeout(30_000).build();
    }

    @Test
    void aPublishedHelixClientWorksUnchangedThroughTheGateway() {
        TwitchHelix helix = twitch4j();
        String reader = TestTokens.read();
        JsonNode topGame = emulator.truthTopGames().path("data").get(0);
        List<JsonNode> truth = list(emulator.truthLiveStreams(topGame.path("id").asText()).path("data"));

        // streams of a game, paged with Twitch's cursors to the end
        List<Stream> streams = new ArrayList<>();
        String cursor = null;
        do {
            StreamList page = helix.getStreams(reader, cursor, null, 10, List.of(topGame.path("id").asText()), null, null, null).execute();
            streams.addAll(page.getStreams());
            cursor = page.getPagination() == null ? null : page.getPagination().getCursor();
        } while (cursor != null);
        assertThat(streams.stream().map(Stream::getId).collect(Collectors.toSet()))
                .isEqualTo(truth.stream().map(s -> s.path("id").asText()).collect(Collectors.toSet()));
        assertThat(streams.get(0).getViewerCount()).isEqualTo(truth.get(0).path("viewer_count").asInt());

        // top games paged to the end: every game with a live stream ranks
        Set<String> games = new HashSet<>();
        cursor = null;
        do {
            GameTopList page = helix.getTopGames(reader, cursor, null, "20").execute();
            page.getGames().forEach(g -> games.add(g.getId()));
            cursor = page.getPagination() == null ? null : page.getPagination().getCursor();
        } while (cursor != null);
        assertThat(games).contains(topGame.path("id").asText());

        List<String> ids = truth.stream().limit(5).map(s -> s.path("user_id").asText()).toList();
        List<User> users = helix.getUsers(reader, ids, null).execute().getUsers();
        assertThat(users.stream().map(User::getId).toList()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void requestsTwitchWouldRejectAreAnswered400LocallyWithoutSpendingPoints() {
        long streams = emulator.requests("/helix/streams");
        long users = emulator.requests("/helix/users");
        given().auth().oauth2(TestTokens.read()).get("/helix/streams?first=101").then().statusCode(400)
                .body("status", equalTo(400)).body("message", org.hamcrest.Matchers.containsString("first"));
        var tooMany = given().auth().oauth2(TestTokens.read());
        for (int i = 0; i < 101; i++) {
            tooMany.queryParam("id", Integer.toString(1000 + i));
        }
        tooMany.get("/helix/users").then().statusCode(400).body("error", equalTo("Bad Request"));
        given().auth().oauth2(TestTokens.read()).get("/helix/streams?after=a&before=b").then().statusCode(400);
        given().auth().oauth2(TestTokens.read()).get("/helix/schedule?broadcaster_id=1&first=26").then().statusCode(400);
        assertThat(emulator.requests("/helix/streams")).isEqualTo(streams);
        assertThat(emulator.requests("/helix/users")).isEqualTo(users);
        // what only Twitch knows is Twitch's answer
        given().auth().oauth2(TestTokens.read()).get("/helix/clips").then().statusCode(400).body("status", equalTo(400));
    }

    @Test
    void identicalGetsInFlightAreOneUpstreamCall() throws Exception {
        emulator.setFault("/helix/search/categories", 0, 500, 700, false);
        long before = emulator.requests("/helix/search/categories");
        String reader = TestTokens.read();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(threads.submit(() -> given().auth().oauth2(reader).get("/helix/search/categories?query=craft&first=5")));
            }
            Set<String> bodies = new HashSet<>();
            for (Future<Response> answer : answers) {
                Response r = answer.get();
                assertThat(r.statusCode()).isEqualTo(200);
                bodies.add(r.asString());
            }
            assertThat(bodies).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(emulator.requests("/helix/search/categories") - before).isEqualTo(1);
    }

    @Test
    void cachedEndpointsSayHitOrMiss() {
        String id = emulator.truthTopGames().path("data").get(3).path("id").asText();
        long before = emulator.requests("/helix/games");
        String path = "/helix/games?id=" + id + "&x=" + Instant.now().toEpochMilli();
        given().auth().oauth2(TestTokens.read()).get(path).then().statusCode(200).header("X-Lurker-Cache", "miss")
                .body("data[0].id", equalTo(id));
        given().auth().oauth2(TestTokens.read()).get(path).then().statusCode(200).header("X-Lurker-Cache", "hit")
                .body("data[0].id", equalTo(id));
        assertThat(emulator.requests("/helix/games") - before).isEqualTo(1);
        // streams are not cached in this configuration
        given().auth().oauth2(TestTokens.read()).get("/helix/streams?first=1").then().statusCode(200)
                .header("X-Lurker-Cache", (String) null);
    }

    @Test
    void aFailingEndpointOpensItsBreakerAndOthersStillWork() {
        emulator.setFault("/helix/search/channels", 1.0, 500, 0, false);
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(TestTokens.read()).get("/helix/search/channels?query=a" + i).then().statusCode(500);
        }
        long before = emulator.requests("/helix/search/channels");
        given().auth().oauth2(TestTokens.read()).get("/helix/search/channels?query=zz").then().statusCode(503)
                .body("status", equalTo(503));
        assertThat(emulator.requests("/helix/search/channels")).as("an open breaker does not call Twitch").isEqualTo(before);
        given().auth().oauth2(TestTokens.read()).get("/helix/games/top?first=1").then().statusCode(200);
    }

    @Test
    void rolesAreChecked() {
        given().get("/helix/games/top").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).get("/helix/games/top").then().statusCode(403);
        given().auth().oauth2(TestTokens.read()).get("/helix/games/top").then().statusCode(200);
    }
}
