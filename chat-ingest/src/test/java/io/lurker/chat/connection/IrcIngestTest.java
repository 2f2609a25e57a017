package io.lurker.chat.connection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.lurker.chat.BrokerTap;
import io.lurker.contracts.chat.ChatEventKind;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.EmoteProvider;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.IrcEmulatorAdmin;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * chat-ingest against the emulator's TMI server and the real broker: the watchlist arrives as
 * control.watchlist deltas, channels are leased and joined (confirmed by ROOMSTATE), and every
 * PRIVMSG the emulator reports as sent arrives on the broker — through a dropped connection, a
 * RECONNECT and a stalled link — with nothing extra; the JOIN limit holds.
 */
@QuarkusTest
@WithTestResource(EmulatorTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IrcIngestTest {

    @Inject
    ChatIngestService service;

    // read lazily: @ConfigProperty on a test class would be validated in every test's application
    private final String emulatorUrl = ConfigProvider.getConfig().getValue("lurker.test.emulator.url", String.class);
    private final String adminKey = ConfigProvider.getConfig().getValue("lurker.test.emulator.admin-key", String.class);
    private final String exchange = ConfigProvider.getConfig().getValue("lurker.events.exchange", String.class);

    private static long version;

    private IrcEmulatorAdmin irc() {
        return new IrcEmulatorAdmin(emulatorUrl, adminKey);
    }

    private void publishWatchlist(List<String> added, List<String> removed) throws Exception {
        version++;
        StringBuilder json = new StringBuilder("{\"schema\":1,\"version\":").append(version)
                .append(",\"at\":\"2025-03-14T18:00:00Z\",\"added\":[");
        json.append(added.stream().map(l -> "{\"kind\":\"channel\",\"id\":\"0\",\"name\":\"" + l + "\"}")
                .collect(Collectors.joining(",")));
        json.append("],\"removed\":[");
        json.append(removed.stream().map(l -> "{\"kind\":\"channel\",\"id\":\"0\",\"name\":\"" + l + "\"}")
                .collect(Collectors.joining(",")));
        json.append("]}");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection c = factory.newConnection(); Channel ch = c.createChannel()) {
            ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            ch.basicPublish(exchange, "control.watchlist", new AMQP.BasicProperties.Builder().contentType("application/json").build(),
                    json.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Set<String> idsOf(BrokerTap tap, String channel) {
        Set<String> ids = new HashSet<>();
        for (BrokerTap.Delivered<ChatMessage> d : tap.messages()) {
            if (d.routingKey().equals("chat.message." + channel)) {
                ids.add(d.record().id());
            }
        }
        return ids;
    }

    @Test
    @Order(1)
    void everySentMessageArrivesThroughDropReconnectAndStall() throws Exception {
        IrcEmulatorAdmin irc = irc();
        irc.traffic(true, 1.0, 0.0);
        irc.resetCounters();
        List<String> channels = irc.liveLogins(3);
        assertThat(channels).hasSize(3);
        publishWatchlist(channels, List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> service.confirmedChannels().containsAll(channels));
        assertThat(service.leases().owned()).containsAll(channels);
        assertThat(irc.counters().path("connections_open").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("lurker_chat_channels{state=\"wanted\"} 3.0").contains("lurker_chat_channels{state=\"joined\"} 3.0")
                .contains("lurker_chat_channels{state=\"confirmed\"} 3.0").contains("lurker_chat_connections 2.0")
                .contains("lurker_chat_logins_total{kind=\"anonymous\"}"));

        try (BrokerTap tap = new BrokerTap()) {
            irc.traffic(false, null, 150.0);
            Thread.sleep(1500);
            assertThat(irc.fault("drop", channels.get(0), null, null)).isEqualTo(1);
            Thread.sleep(2000);
            assertThat(irc.fault("reconnect", channels.get(2), null, null)).isEqualTo(1);
            Thread.sleep(2500);
            assertThat(irc.fault("stall", channels.get(1), 6000L, null)).isEqualTo(1);
            Thread.sleep(6000);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.confirmedChannels().containsAll(channels));
            Thread.sleep(1500);
            irc.traffic(true, null, 0.0);

            long total = 0;
            for (String channel : channels) {
                List<String> sent = irc.sentMessageIds(channel);
                assertThat(sent).as("sent in %s", channel).isNotEmpty();
                assertThat(new HashSet<>(sent)).hasSameSizeAs(sent);
                await().atMost(Duration.ofSeconds(30)).until(() -> idsOf(tap, channel).containsAll(sent));
                Thread.sleep(300);
                assertThat(idsOf(tap, channel)).as("ids on the broker for %s", channel).isEqualTo(new HashSet<>(sent));
                total += sent.size();
            }
            assertThat(total).isGreaterThan(1000);
            JsonNode counters = irc.counters();
            assertThat(counters.path("dropped").asInt()).isEqualTo(1);
            assertThat(counters.path("reconnects_sent").asInt()).isEqualTo(1);
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("lurker_chat_reconnects_total{reason=\"reconnect\"}")
                    .contains("lurker_chat_reconnects_total{reason=\"ping-timeout\"}")
                    .contains("lurker_chat_channels{state=\"confirmed\"} 3.0")
                    .contains("lurker_chat_messages_total{channel=\"" + channels.get(0) + "\"}");

            // third-party emotes were fetched from the emulator's BTTV/FFZ/7TV APIs and matched
            assertThat(tap.messages()).anySatisfy(d -> assertThat(d.record().emotes())
                    .anyMatch(e -> e.provider() != EmoteProvider.TWITCH));

            // garbage lines are kept as unparsed events and the connection stays up
            int confirmedBefore = service.confirmedChannels().size();
            assertThat(irc.fault("garbage", channels.get(0), null, 6)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(15)).until(() -> tap.events().stream()
                    .filter(d -> d.record().kind() == ChatEventKind.UNPARSED).count() >= 4);
            assertThat(service.confirmedChannels()).hasSize(confirmedBefore);
            // the emulator's over-long (> 8 KiB) and invalid UTF-8 lines: counted by reason, kept raw
            await().atMost(Duration.ofSeconds(15)).until(() -> unparsed(tap, "too-long") != null
                    && unparsed(tap, "invalid-utf8") != null);
            assertThat(unparsed(tap, "too-long").raw()).endsWith("A".repeat(9000));
            assertThat(java.util.Base64.getDecoder().decode(String.valueOf(unparsed(tap, "invalid-utf8").params().get("rawBase64"))))
                    .containsExactly(0xC3, 0x28, 0xFF, 0x20, 0x50, 0x52, 0x49, 0x56);
            assertThat(given().get("/q/metrics").then().extract().asString())
                    .containsPattern("lurker_chat_unparsed_total\\{reason=\"too-long\"\\} [1-9]")
                    .containsPattern("lurker_chat_unparsed_total\\{reason=\"invalid-utf8\"\\} [1-9]");
        }
    }

    private static io.lurker.contracts.chat.ChatEvent unparsed(BrokerTap tap, String reason) {
        return tap.events().stream().map(BrokerTap.Delivered::record)
                .filter(e -> e.kind() == ChatEventKind.UNPARSED && reason.equals(String.valueOf(e.params().get("reason"))))
                .findFirst().orElse(null);
    }

    @Test
    @Order(2)
    void joinsStayWithinTheLimitAndAllAreConfirmedEventually() throws Exception {
        IrcEmulatorAdmin irc = irc();
        List<String> previous = new ArrayList<>(service.watchlist().channels());
        Thread.sleep(10_500); // let the JOIN window of the previous test pass
        irc.resetCounters();
        List<String> many = new ArrayList<>();
        for (String login : worldLogins()) {
            if (!previous.contains(login) && many.size() < 25) {
                many.add(login);
            }
        }
        assertThat(many).hasSize(25);
        publishWatchlist(many, previous);
        Thread.sleep(4000);
        JsonNode early = irc.counters();
        assertThat(early.path("joins").asInt()).isLessThanOrEqualTo(20);
        assertThat(early.path("joins_rejected").asInt()).isZero();
        assertThat(early.path("parts").asInt()).isEqualTo(previous.size());
        await().atMost(Duration.ofSeconds(40)).until(() -> service.confirmedChannels().containsAll(many));
        assertThat(service.confirmedChannels()).doesNotContainAnyElementsOf(previous);
        assertThat(irc.counters().path("joins_rejected").asInt()).isZero();
        assertThat(irc.counters().path("connections_open").asInt()).isEqualTo((many.size() + 1) / 2);
    }

    /** Channel logins of the emulator's world (Helix search with an app token). */
    private List<String> worldLogins() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String token = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulatorUrl
                + "/oauth2/token?client_id=lurker-dev-client&client_secret=lurker-dev-secret&grant_type=client_credentials"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        List<String> logins = new ArrayList<>();
        for (String query : List.of("a", "e", "o", "i")) {
            JsonNode page = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulatorUrl
                    + "/helix/search/channels?first=100&query=" + query)).header("Client-Id", "lurker-dev-client")
                    .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode c : page.path("data")) {
                String login = c.path("broadcaster_login").asText();
                if (!logins.contains(login)) {
                    logins.add(login);
                }
            }
        }
        return logins;
    }

    @Test
    @Order(3)
    void statusNeedsTheReadRole() {
        given().get("/api/v1/chat/connections").then().statusCode(401);
        given().auth().oauth2(TestTokens.internal()).get("/api/v1/chat/connections").then().statusCode(403);
        Map<String, Object> status = given().auth().oauth2(TestTokens.read()).get("/api/v1/chat/connections").then()
                .statusCode(200).extract().as(Map.class);
        assertThat(status).containsEntry("enabled", true).containsKeys("replica", "leased", "confirmed", "connections");
    }
}
