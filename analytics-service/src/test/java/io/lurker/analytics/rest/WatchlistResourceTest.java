package io.lurker.analytics.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.rabbitmq.client.GetResponse;
import io.lurker.analytics.testing.AnalyticsTestResources;
import io.lurker.analytics.testing.Broker;
import io.lurker.analytics.testing.Db;
import io.lurker.contracts.EventJson;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.control.WatchlistChanged;
import io.lurker.contracts.control.WatchlistEntry;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(AnalyticsTestResources.class)
class WatchlistResourceTest {

    @Test
    void addingAndRemovingChannelsAndGamesPublishesEachChange() throws Exception {
        try (Broker broker = new Broker()) {
            String queue = broker.channel().queueDeclare().getQueue();
            broker.channel().queueBind(queue, AnalyticsTestResources.EXCHANGE, RoutingKeys.CONTROL_WATCHLIST);
            long before = given().auth().oauth2(TestTokens.internal()).get("/api/v1/watchlist")
                    .then().statusCode(200).extract().jsonPath().getLong("version");

            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"logins\":[\"Alpha\",\"bravo\"]}")
                    .post("/api/v1/watchlist/channels")
                    .then().statusCode(200)
                    .body("version", equalTo((int) before + 1))
                    .body("added.name", hasItem("alpha"));
            WatchlistChanged added = next(broker, queue);
            assertThat(added.version()).isEqualTo(before + 1);
            assertThat(added.added()).extracting(WatchlistEntry::id).containsExactlyInAnyOrder("1001", "1002");
            assertThat(Db.count("SELECT count(*) FROM channel WHERE channel_id = '1001' AND login = 'alpha'")).isEqualTo(1);

            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"names\":[\"league of legends\"]}")
                    .post("/api/v1/watchlist/games")
                    .then().statusCode(200).body("added[0].id", equalTo("21779"))
                    .body("added[0].kind", equalTo("game"));
            assertThat(next(broker, queue).version()).isEqualTo(before + 2);

            given().auth().oauth2(TestTokens.read()).get("/api/v1/watchlist")
                    .then().statusCode(200)
                    .body("version", equalTo((int) before + 2))
                    .body("entries.findAll { it.kind == 'channel' }.name", hasItem("bravo"))
                    .body("entries.findAll { it.kind == 'game' }.name", hasItem("League of Legends"));

            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/watchlist/channels/bravo")
                    .then().statusCode(200).body("removed[0].id", equalTo("1002"));
            WatchlistChanged removed = next(broker, queue);
            assertThat(removed.version()).isEqualTo(before + 3);
            assertThat(removed.removed()).extracting(WatchlistEntry::name).containsExactly("bravo");
            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/watchlist/games/21779").then().statusCode(200);
            assertThat(next(broker, queue).removed()).extracting(WatchlistEntry::kind)
                    .containsExactly(WatchlistEntry.Kind.GAME);

            given().auth().oauth2(TestTokens.read()).get("/api/v1/watchlist")
                    .then().body("entries.name", not(hasItem("bravo")));
        }
    }

    @Test
    void unknownNamesAreRefusedAndNamed() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"logins\":[\"alpha\",\"nosuchuser\"]}")
                .post("/api/v1/watchlist/channels")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("nosuchuser")).body("unknown[0]", equalTo("nosuchuser"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"names\":[\"No Such Game\"]}")
                .post("/api/v1/watchlist/games")
                .then().statusCode(422).body("detail", containsString("No Such Game"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"logins\":[\"bad login!\"]}")
                .post("/api/v1/watchlist/channels")
                .then().statusCode(400).body("parameter", equalTo("logins"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"logins\":[]}")
                .post("/api/v1/watchlist/channels").then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/watchlist/channels/neverwatched")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{not json")
                .post("/api/v1/watchlist/channels").then().statusCode(400);
    }

    @Test
    void everyOperationChecksTheRole() {
        given().get("/api/v1/watchlist").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/watchlist").then().statusCode(403);
        String body = "{\"logins\":[\"charlie\"]}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/watchlist/channels").then().statusCode(401);
        given().auth().oauth2(TestTokens.read()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/watchlist/channels").then().statusCode(403);
        given().auth().oauth2(TestTokens.internal()).contentType(ContentType.JSON).body("{\"names\":[\"Just Chatting\"]}")
                .post("/api/v1/watchlist/games").then().statusCode(403);
        given().delete("/api/v1/watchlist/channels/charlie").then().statusCode(401);
        given().auth().oauth2(TestTokens.read()).delete("/api/v1/watchlist/channels/charlie").then().statusCode(403);
        given().auth().oauth2(TestTokens.read()).delete("/api/v1/watchlist/games/1").then().statusCode(403);
        given().delete("/api/v1/watchlist/games/1").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("read")).get("/api/v1/watchlist").then().statusCode(401);
    }

    private static WatchlistChanged next(Broker broker, String queue) throws Exception {
        GetResponse response = await().atMost(Duration.ofSeconds(10))
                .until(() -> broker.channel().basicGet(queue, true), r -> r != null);
        return EventJson.mapper().readValue(response.getBody(), WatchlistChanged.class);
    }
}
