package io.lurker.chat.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.lurker.chat.BrokerTap;
import io.lurker.chat.BrokerTap.Delivered;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatEventKind;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChatResourceTest {

    private static BrokerTap tap;

    @BeforeAll
    static void openTap() throws Exception {
        tap = new BrokerTap();
    }

    @AfterAll
    static void closeTap() throws Exception {
        tap.close();
    }

    static String privmsg(String channel, String id, String text) {
        return "@badge-info=subscriber/3;badges=subscriber/3;color=#1E90FF;display-name=Viewer;emotes=25:0-4;first-msg=0;id=" + id
                + ";mod=0;room-id=9001;subscriber=1;tmi-sent-ts=1714564800000;turbo=0;user-id=42;user-type= "
                + ":viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #" + channel + " :" + text;
    }

    private static String channel() {
        return "chan" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    // ---- parse

    @Test
    void parseNeedsTheReadRole() {
        given().contentType(ContentType.TEXT).body("PING :tmi.twitch.tv")
                .post("/api/v1/chat/parse").then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:lurker:problem:unauthorized"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.TEXT).body("PING :tmi.twitch.tv")
                .post("/api/v1/chat/parse").then().statusCode(403)
                .body("type", equalTo("urn:lurker:problem:forbidden"));
        given().auth().oauth2(TestTokens.internal()).contentType(ContentType.JSON).body("[\"PING\"]")
                .post("/api/v1/chat/parse").then().statusCode(403);
        given().auth().oauth2(TestTokens.read()).contentType(ContentType.TEXT).body("PING :tmi.twitch.tv")
                .post("/api/v1/chat/parse").then().statusCode(200).body("[0].kind", equalTo("ping"));
    }

    @Test
    void parseShowsWhatEachLineBecomes() {
        String body = String.join("\r\n",
                privmsg("somechan", "p-1", "\u0001ACTION Kappa hi \uD83D\uDE00\u0001"),
                "PING :tmi.twitch.tv",
                "",
                "this is not IRC!",
                "@id=u-1;login=fan;msg-id=raid;msg-param-viewerCount=42;room-id=9001;system-msg=42\\sraiders;tmi-sent-ts=1714564800000 "
                        + ":tmi.twitch.tv USERNOTICE #somechan");
        given().auth().oauth2(TestTokens.read()).contentType("text/plain; charset=UTF-8").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/chat/parse").then().statusCode(200)
                .body("", hasSize(4))
                .body("[0].disposition", equalTo("message"))
                .body("[0].irc.tags.id", equalTo("p-1"))
                .body("[0].message.text", equalTo("Kappa hi \uD83D\uDE00"))
                .body("[0].message.action", equalTo(true))
                .body("[0].message.sentAt", equalTo("2024-05-01T12:00:00Z"))
                .body("[0].message.author.badgeInfo.subscriber", equalTo("3"))
                .body("[0].message.emotes[0].provider", equalTo("twitch"))
                .body("[0].message.emotes[0].name", equalTo("Kappa"))
                .body("[0].message.source", equalTo("live"))
                .body("[1].disposition", equalTo("ignored"))
                .body("[1].irc.params[0]", equalTo("tmi.twitch.tv"))
                .body("[2].disposition", equalTo("unparsed"))
                .body("[2].reason", equalTo("unknown-command"))
                .body("[2].event.kind", equalTo("unparsed"))
                .body("[2].event.raw", equalTo("this is not IRC!"))
                .body("[2].irc", nullValue())
                .body("[3].event.kind", equalTo("usernotice"))
                .body("[3].event.noticeType", equalTo("raid"))
                .body("[3].event.systemMessage", equalTo("42 raiders"))
                .body("[3].event.params.viewerCount", equalTo("42"));
    }

    @Test
    void parseTakesAJsonArrayAndRefusesOtherJson() {
        given().auth().oauth2(TestTokens.read()).contentType(ContentType.JSON)
                .body("[\"" + ":tmi.twitch.tv CLEARCHAT #somechan" + "\", {\"raw\": \"PING\"}]")
                .post("/api/v1/chat/parse").then().statusCode(200)
                .body("[0].event.kind", equalTo("clearchat"))
                .body("[1].kind", equalTo("ping"));
        given().auth().oauth2(TestTokens.read()).contentType(ContentType.JSON).body("{\"lines\": [\"PING\"]}")
                .post("/api/v1/chat/parse").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:lurker:problem:malformed-body"));
        given().auth().oauth2(TestTokens.read()).contentType(ContentType.JSON).body("[\"PING\",")
                .post("/api/v1/chat/parse").then().statusCode(400)
                .body("type", equalTo("urn:lurker:problem:malformed-body"));
        given().auth().oauth2(TestTokens.read()).contentType(ContentType.JSON).body("[\"PING\", 42]")
                .post("/api/v1/chat/parse").then().statusCode(400)
                .body("type", equalTo("urn:lurker:problem:invalid-parameter"))
                .body("parameter", equalTo("[1]"));
    }

    @Test
    void parseRefusesAnOversizedBodyWithAProblem() {
        byte[] body = ("PING :x\n".repeat(140_000)).getBytes(StandardCharsets.UTF_8); // > 1 MiB
        given().auth().oauth2(TestTokens.read()).contentType(ContentType.TEXT).body(body)
                .post("/api/v1/chat/parse").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lurker:problem:payload-too-large"))
                .body("limitBytes", equalTo(1048576));
    }

    // ---- import

    @Test
    void importNeedsTheAdminRole() {
        given().contentType(ContentType.TEXT).body("PING").post("/api/v1/chat/import").then().statusCode(401);
        given().auth().oauth2(TestTokens.read()).contentType(ContentType.TEXT).body("PING")
                .post("/api/v1/chat/import").then().statusCode(403)
                .body("type", equalTo("urn:lurker:problem:forbidden"));
        given().auth().oauth2(TestTokens.internal()).contentType(ContentType.JSON).body("[\"PING\"]")
                .post("/api/v1/chat/import").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.TEXT).body("PING")
                .post("/api/v1/chat/import").then().statusCode(202).body("ignored", equalTo(1));
    }

    @Test
    void importedLinesTravelThePipelineToTheBroker() {
        String channel = channel();
        String hint = channel();
        String overLong = "@id=long-1;room-id=9001 :viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #" + channel + " :" + "y".repeat(9000);
        String garbage = "garbage " + UUID.randomUUID();
        String body = String.join("\n",
                privmsg(channel, "i-1", "Kappa first"),
                privmsg(channel, "i-2", "Kappa second"),
                "",
                ":tmi.twitch.tv PING",
                "@room-id=9001;target-user-id=5;tmi-sent-ts=1714564801000;ban-duration=30 :tmi.twitch.tv CLEARCHAT #" + channel + " :troll",
                privmsg(channel, "i-3", "Kappa third"),
                overLong,
                garbage) + "\n";
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.TEXT).queryParam("channel", hint)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/chat/import").then().statusCode(202)
                .body("accepted", equalTo(7))
                .body("messages", equalTo(3))
                .body("events", equalTo(1))
                .body("unparsed", equalTo(2))
                .body("ignored", equalTo(1));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(messagesOn(channel)).extracting(d -> d.record().id()).containsExactly("i-1", "i-2", "i-3");
            assertThat(eventsOn(channel)).hasSize(2);
            assertThat(eventsOn(hint)).hasSize(1);
        });
        ChatMessage first = messagesOn(channel).get(0).record();
        assertThat(first.source()).isEqualTo(ChatSource.IMPORT);
        assertThat(first.channelId()).isEqualTo("9001");
        assertThat(first.emotes()).singleElement().satisfies(e -> assertThat(e.name()).isEqualTo("Kappa"));
        assertThat(first.raw()).isEqualTo(privmsg(channel, "i-1", "Kappa first"));
        List<Delivered<ChatEvent>> events = eventsOn(channel);
        assertThat(events).extracting(d -> d.record().kind()).containsExactlyInAnyOrder(ChatEventKind.CLEARCHAT, ChatEventKind.UNPARSED);
        ChatEvent tooLong = events.stream().map(Delivered::record).filter(e -> e.kind() == ChatEventKind.UNPARSED).findFirst().orElseThrow();
        assertThat(tooLong.params()).containsEntry("reason", "too-long");
        assertThat(tooLong.raw()).isEqualTo(overLong);
        assertThat(events.get(0).routingKey()).isEqualTo("chat.event." + channel);
        ChatEvent hinted = eventsOn(hint).get(0).record();
        assertThat(hinted.raw()).isEqualTo(garbage);
        assertThat(hinted.params()).containsEntry("reason", "unknown-command");
    }

    @Test
    void invalidUtf8IsImportedAsUnparsedWithItsExactBytes() throws Exception {
        String marker = UUID.randomUUID().toString();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("@id=x :viewer!viewer@viewer.tmi.twitch.tv NOTICEME " + marker + " caf").getBytes(StandardCharsets.US_ASCII));
        body.write(0xE9); // Latin-1 é
        byte[] line = body.toByteArray();
        body.write('\n');
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.TEXT).body(body.toByteArray())
                .post("/api/v1/chat/import").then().statusCode(202).body("unparsed", equalTo(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> tap.events().stream()
                .anyMatch(d -> d.record().raw() != null && d.record().raw().contains(marker)));
        Delivered<ChatEvent> delivered = tap.events().stream()
                .filter(d -> d.record().raw() != null && d.record().raw().contains(marker)).findFirst().orElseThrow();
        assertThat(delivered.routingKey()).isEqualTo("chat.event._unparsed");
        assertThat(delivered.record().params()).containsEntry("reason", "invalid-utf8");
        assertThat(Base64.getDecoder().decode(delivered.record().params().get("rawBase64"))).containsExactly(line);
    }

    @Test
    void jsonImportTakesTheStatedReceiveTime() {
        String channel = channel();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("[{\"raw\": \":old!old@old.tmi.twitch.tv PRIVMSG #" + channel + " :from a 2019 log\", "
                        + "\"receivedAt\": \"2019-03-01T10:00:00Z\"}, \"" + privmsg(channel, "j-2", "Kappa") + "\"]")
                .post("/api/v1/chat/import").then().statusCode(202).body("messages", equalTo(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesOn(channel).size() == 2);
        ChatMessage old = messagesOn(channel).get(0).record();
        assertThat(old.receivedAt()).isEqualTo(Instant.parse("2019-03-01T10:00:00Z"));
        assertThat(old.sentAt()).isEqualTo(Instant.parse("2019-03-01T10:00:00Z"));
        assertThat(old.author().login()).isEqualTo("old");
        assertThat(old.id()).isNotBlank();

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("[{\"raw\": \"PING\", \"receivedAt\": \"yesterday\"}]")
                .post("/api/v1/chat/import").then().statusCode(400)
                .body("parameter", equalTo("[0].receivedAt"));
    }

    @Test
    void importRefusesAnOversizedBodyAndImportsNothing() throws InterruptedException {
        String channel = channel();
        StringBuilder body = new StringBuilder();
        int i = 0;
        while (body.length() <= 262_144) {
            body.append(privmsg(channel, "big-" + i++, "Kappa")).append('\n');
        }
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.TEXT).body(body.toString())
                .post("/api/v1/chat/import").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lurker:problem:payload-too-large"))
                .body("detail", containsString("262144"));
        Thread.sleep(500);
        assertThat(messagesOn(channel)).isEmpty();
    }

    @Test
    void metricsCountMessagesPerChannelAndUnparsedLines() {
        String channel = channel();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.TEXT)
                .body(privmsg(channel, "m-1", "a") + "\n" + privmsg(channel, "m-2", "b") + "\n\u0001\u0002garbage\n")
                .post("/api/v1/chat/import").then().statusCode(202);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("lurker_chat_messages_total{channel=\"" + channel + "\"} 2.0");
        assertThat(metrics).containsPattern("lurker_chat_unparsed_total\\{reason=\"invalid-command\"\\} [1-9]");
        assertThat(metrics).contains("lurker_chat_spool_batches");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/metrics").asString()
                .contains("lurker_chat_publish_latency_seconds_count{replayed=\"false\"}"));
    }

    private static List<Delivered<ChatMessage>> messagesOn(String channel) {
        return tap.messages().stream().filter(d -> d.routingKey().equals("chat.message." + channel)).toList();
    }

    private static List<Delivered<ChatEvent>> eventsOn(String channel) {
        return tap.events().stream().filter(d -> d.routingKey().equals("chat.event." + channel)).toList();
    }
}
