package io.lurker.emulator.irc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lurker.emulator.support.Twitch;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.World;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TMI server over real sockets: login, CAP, JOIN/PART, limits, traffic and what was sent, faults, TLS. */
@QuarkusTest
class IrcProtocolTest {

    private static final Pattern ID = Pattern.compile("(?:^@|;)id=([0-9a-f-]{36})[; ]");

    @Inject
    IrcServer server;

    @Inject
    World world;

    @BeforeEach
    void reset() {
        traffic(Map.of("paused", false, "scale", 1.0, "firehose_rate", 0.0));
        given().delete("/emulator/irc/counters").then().statusCode(200);
    }

    @AfterEach
    void calm() {
        traffic(Map.of("paused", false, "scale", 1.0, "firehose_rate", 0.0));
        given().contentType("application/json").body(Map.of("action", "drop")).post("/emulator/irc/faults");
    }

    private static void traffic(Map<String, Object> settings) {
        given().contentType("application/json").body(settings).put("/emulator/irc/traffic").then().statusCode(200);
    }

    private Channel liveChannel(int rank) {
        return world.live().streams().get(rank).channel();
    }

    @Test
    void anonymousLoginCapJoinAndRoomstate() throws Exception {
        Channel channel = liveChannel(0);
        try (IrcClient irc = new IrcClient(server.plainPort(), false)) {
            irc.send("CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership");
            assertThat(irc.read()).isEqualTo(":tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands twitch.tv/membership");
            irc.send("NICK justinfan12345");
            assertThat(irc.read()).isEqualTo(":tmi.twitch.tv 001 justinfan12345 :Welcome, GLHF!");
            irc.readUntil(l -> l.contains(" 376 "));
            irc.send("JOIN #" + channel.login());
            assertThat(irc.read()).isEqualTo(":justinfan12345!justinfan12345@justinfan12345.tmi.twitch.tv JOIN #" + channel.login());
            irc.readUntil(l -> l.contains(" 366 "));
            assertThat(irc.read()).contains(" USERSTATE #" + channel.login());
            assertThat(irc.read()).isEqualTo("@emote-only=0;followers-only=-1;r9k=0;room-id=" + channel.id()
                    + ";slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #" + channel.login());
            irc.send("PING :hello");
            irc.readUntil(l -> l.equals(":tmi.twitch.tv PONG tmi.twitch.tv :hello"));
            irc.send("JOIN #no_such_channel_here");
            irc.readUntil(l -> l.equals("@msg-id=msg_channel_suspended :tmi.twitch.tv NOTICE #no_such_channel_here "
                    + ":This channel does not exist or has been suspended."));
            irc.send("PART #" + channel.login());
            irc.readUntil(l -> l.endsWith(" PART #" + channel.login()));
            irc.send("CAP REQ :twitch.tv/unknown");
            irc.readUntil(l -> l.equals(":tmi.twitch.tv CAP * NAK :twitch.tv/unknown"));
        }
    }

    @Test
    void userTokensAreCheckedAgainstTheEmulatorsAuth() throws Exception {
        Channel user = world.channels().get(3);
        Map<String, Object> grant = Twitch.userGrant(user.id(), "chat:read");
        String token = (String) grant.get("access_token");
        try (IrcClient irc = new IrcClient(server.plainPort(), false)) {
            irc.send("CAP REQ :twitch.tv/tags twitch.tv/commands");
            irc.send("PASS oauth:" + token);
            irc.send("NICK " + user.login());
            irc.readUntil(l -> l.contains(" 001 " + user.login()));
            irc.readUntil(l -> l.endsWith(":tmi.twitch.tv GLOBALUSERSTATE") && l.contains("user-id=" + user.id()));
        }
        try (IrcClient irc = new IrcClient(server.plainPort(), false)) {
            irc.send("PASS oauth:notavalidtoken");
            irc.send("NICK " + user.login());
            assertThat(irc.read()).isEqualTo(":tmi.twitch.tv NOTICE * :Login authentication failed");
            assertThat(irc.readToEnd()).isTrue();
        }
        String noScope = (String) Twitch.userGrant(user.id()).get("access_token");
        try (IrcClient irc = new IrcClient(server.plainPort(), false)) {
            irc.send("PASS oauth:" + noScope);
            irc.send("NICK " + user.login());
            assertThat(irc.read()).isEqualTo(":tmi.twitch.tv NOTICE * :Login authentication failed");
        }
        try (IrcClient irc = new IrcClient(server.plainPort(), false)) {
            irc.send("NICK somebody");
            assertThat(irc.read()).isEqualTo(":tmi.twitch.tv NOTICE * :Improperly formatted auth");
        }
        assertThat(given().get("/emulator/irc/counters").jsonPath().getInt("logins_failed")).isEqualTo(3);
    }

    @Test
    void joinLimitDropsJoinsBeyondTwentyPerTenSeconds() throws Exception {
        List<Channel> channels = world.channels().subList(10, 35);
        try (IrcClient irc = new IrcClient(server.plainPort(), false)) {
            irc.loginAnonymous();
            for (Channel c : channels) {
                irc.send("JOIN #" + c.login());
            }
            Set<String> confirmed = new LinkedHashSet<>();
            while (confirmed.size() < 20) {
                String line = irc.readUntil(l -> l.contains(" ROOMSTATE #"));
                confirmed.add(line.substring(line.indexOf('#') + 1));
            }
            assertThat(irc.silentFor(700) || irc.seen.stream().noneMatch(l -> l.contains("ROOMSTATE #" + channels.get(24).login())))
                    .isTrue();
            assertThat(confirmed).hasSize(20);
            JsonPath counters = given().get("/emulator/irc/counters").jsonPath();
            assertThat(counters.getInt("joins")).isEqualTo(20);
            assertThat(counters.getInt("joins_rejected")).isEqualTo(5);
        }
    }

    @Test
    void trafficCarriesEveryTagAndTheSentIdsMatchWhatArrived() throws Exception {
        Channel a = liveChannel(0);
        Channel b = liveChannel(1);
        try (IrcClient irc = new IrcClient(server.plainPort(), false)) {
            irc.loginAnonymous();
            irc.send("JOIN #" + a.login() + ",#" + b.login());
            irc.readUntil(l -> l.contains("ROOMSTATE #" + b.login()));
            traffic(Map.of("firehose_rate", 3000.0));
            List<String> lines = new ArrayList<>();
            while (lines.size() < 3000) {
                lines.add(irc.read());
            }
            traffic(Map.of("paused", true));
            irc.drain(1000);
            lines = new ArrayList<>(irc.seen);

            List<String> privmsgs = lines.stream().filter(l -> l.contains(" PRIVMSG #")).toList();
            assertThat(privmsgs).allSatisfy(l -> assertThat(l).contains("badge-info=", ";badges=", ";color=", ";display-name=",
                    ";emotes=", ";first-msg=", ";flags=", ";id=", ";mod=", ";returning-chatter=", ";room-id=", ";subscriber=",
                    ";tmi-sent-ts=", ";turbo=", ";user-id=", ";user-type=", "client-nonce="));
            assertThat(privmsgs).anyMatch(l -> l.contains("\u0001ACTION "));
            assertThat(privmsgs).anyMatch(l -> l.contains(";bits="));
            assertThat(privmsgs).anyMatch(l -> l.contains(";reply-parent-msg-id="));
            assertThat(privmsgs).anyMatch(l -> l.contains(";source-room-id="));
            assertThat(privmsgs).anyMatch(l -> l.contains("😂") || l.contains("🔥") || l.contains("👀"));
            assertThat(privmsgs).anyMatch(l -> l.matches(".*;emotes=[^;]+;.*"));
            assertThat(lines).anyMatch(l -> l.contains(" USERNOTICE #") && l.contains("msg-id=resub"));
            assertThat(lines).anyMatch(l -> l.contains(" CLEARCHAT #"));
            assertThat(lines).anyMatch(l -> l.contains(" CLEARMSG #"));
            ThirdPartyEmotes emotes = new ThirdPartyEmotes(world.data().seed());
            Set<String> names = new java.util.HashSet<>();
            emotes.usableIn(a).forEach(e -> names.add(e.name()));
            assertThat(privmsgs).anyMatch(l -> l.contains("PRIVMSG #" + a.login())
                    && names.stream().anyMatch(n -> l.contains(" " + n + " ") || l.endsWith(" " + n) || l.endsWith(":" + n)));

            for (Channel c : List.of(a, b)) {
                List<String> received = new ArrayList<>();
                for (String l : lines) {
                    if (l.contains(" PRIVMSG #" + c.login() + " ")) {
                        Matcher m = ID.matcher(l);
                        assertThat(m.find()).as(l).isTrue();
                        received.add(m.group(1));
                    }
                }
                JsonPath sent = given().queryParam("channel", c.login()).get("/emulator/irc/sent").jsonPath();
                assertThat(sent.getList("message_ids", String.class)).isEqualTo(received);
                assertThat(sent.getLong("messages")).isEqualTo(received.size());
            }
            // proportional to viewers + 1: the most watched channel got at least as many as the second
            JsonPath counters = given().get("/emulator/irc/counters").jsonPath();
            long first = counters.getLong("channels." + a.login() + ".messages") + counters.getLong("channels." + a.login() + ".events");
            long second = counters.getLong("channels." + b.login() + ".messages") + counters.getLong("channels." + b.login() + ".events");
            assertThat(first + second).isGreaterThanOrEqualTo(3000);
        }
    }

    @Test
    void faultsDropStallGarbageAndReconnect() throws Exception {
        Channel a = liveChannel(2);
        try (IrcClient irc = new IrcClient(server.plainPort(), false)) {
            irc.loginAnonymous();
            irc.send("JOIN #" + a.login());
            irc.readUntil(l -> l.contains("ROOMSTATE #" + a.login()));
            fault(Map.of("action", "garbage", "channel", a.login(), "lines", 3))
                    .body("connections", equalTo(1));
            irc.readUntil(l -> l.startsWith("@badges=broken"));
            irc.readUntil(l -> l.equals("this is not irc at all"));
            fault(Map.of("action", "stall", "channel", a.login(), "duration_ms", 1500));
            irc.send("PING :are-you-there");
            assertThat(irc.silentFor(1000)).isTrue();
            Thread.sleep(600);
            fault(Map.of("action", "reconnect", "channel", a.login()));
            irc.readUntil(l -> l.equals(":tmi.twitch.tv RECONNECT"));
            assertThat(irc.readToEnd()).isTrue();
        }
        try (IrcClient irc = new IrcClient(server.plainPort(), false)) {
            irc.loginAnonymous();
            irc.send("JOIN #" + a.login());
            irc.readUntil(l -> l.contains("ROOMSTATE #" + a.login()));
            fault(Map.of("action", "drop", "channel", a.login())).body("connections", equalTo(1));
            assertThat(irc.readToEnd()).isTrue();
        }
        given().contentType("application/json").body(Map.of("action", "explode")).post("/emulator/irc/faults")
                .then().statusCode(400);
    }

    /**
     * A client that lags when it is dropped still gets every line counted as sent (the README's "pending
     * output is flushed first"): what the drills count as "not received" after a drop is the client's loss,
     * not the emulator's.
     */
    @Test
    void aDropDeliversEverythingCountedAsSentToALaggingClient() throws Exception {
        Channel a = liveChannel(3);
        try (IrcClient irc = new IrcClient(server.plainPort(), false)) {
            irc.loginAnonymous();
            irc.send("JOIN #" + a.login());
            irc.readUntil(l -> l.contains("ROOMSTATE #" + a.login()));
            traffic(Map.of("firehose_rate", 5000.0));
            Thread.sleep(2500); // not reading: socket buffers fill, then the server's write queue
            fault(Map.of("action", "drop", "channel", a.login())).body("connections", equalTo(1));
            traffic(Map.of("paused", true));
            assertThat(irc.readToEnd()).isTrue();
            List<String> received = new ArrayList<>();
            for (String l : irc.seen) {
                if (l.contains(" PRIVMSG #" + a.login() + " ")) {
                    Matcher m = ID.matcher(l);
                    assertThat(m.find()).as(l).isTrue();
                    received.add(m.group(1));
                }
            }
            JsonPath sent = given().queryParam("channel", a.login()).queryParam("limit", 1_000_000)
                    .get("/emulator/irc/sent").jsonPath();
            assertThat(received).hasSizeGreaterThan(100);
            assertThat(received).isEqualTo(sent.getList("message_ids", String.class));
        }
    }

    private static io.restassured.response.ValidatableResponse fault(Map<String, Object> body) {
        return given().contentType("application/json").body(body).post("/emulator/irc/faults").then().statusCode(200);
    }

    @Test
    void tlsPortSpeaksTheSameProtocol() throws Exception {
        assertThat(server.tlsPort()).isPositive();
        try (IrcClient irc = new IrcClient(server.tlsPort(), true)) {
            irc.loginAnonymous();
            irc.send("JOIN #" + liveChannel(0).login());
            irc.readUntil(l -> l.contains(" ROOMSTATE #"));
        }
    }

    @Test
    void thirdPartyEmoteApis() {
        ThirdPartyEmotes emotes = new ThirdPartyEmotes(world.data().seed());
        Channel withBttv = world.channels().stream().filter(emotes::hasBttv).findFirst().orElseThrow();
        Channel withoutBttv = world.channels().stream().filter(c -> !emotes.hasBttv(c)).findFirst().orElseThrow();
        given().get("/bttv/3/cached/emotes/global").then().statusCode(200).body("[0].code", equalTo("SourPls"));
        JsonPath bttv = given().get("/bttv/3/cached/users/twitch/" + withBttv.id()).then().statusCode(200).extract().jsonPath();
        List<String> codes = new ArrayList<>(bttv.getList("channelEmotes.code", String.class));
        codes.addAll(bttv.getList("sharedEmotes.code", String.class));
        assertThat(codes).containsExactlyInAnyOrderElementsOf(emotes.bttvChannel(withBttv).stream().map(ThirdPartyEmotes.Emote::name).toList());
        given().get("/bttv/3/cached/users/twitch/" + withoutBttv.id()).then().statusCode(404);

        Channel withFfz = world.channels().stream().filter(emotes::hasFfz).findFirst().orElseThrow();
        JsonPath ffz = given().get("/ffz/v1/room/id/" + withFfz.id()).then().statusCode(200).extract().jsonPath();
        String set = ffz.getString("room.set");
        assertThat(ffz.getList("sets." + set + ".emoticons.name", String.class))
                .isEqualTo(emotes.ffzChannel(withFfz).stream().map(ThirdPartyEmotes.Emote::name).toList());
        assertThat(ffz.getString("sets." + set + ".emoticons[0].urls.1")).startsWith("//cdn.frankerfacez.com/");
        given().get("/ffz/v1/set/global").then().statusCode(200).body("default_sets[0]", equalTo(3));

        Channel with7tv = world.channels().stream().filter(emotes::hasSeventv).findFirst().orElseThrow();
        JsonPath seventv = given().get("/7tv/v3/users/twitch/" + with7tv.id()).then().statusCode(200).extract().jsonPath();
        assertThat(seventv.getList("emote_set.emotes.name", String.class))
                .isEqualTo(emotes.seventvChannel(with7tv).stream().map(ThirdPartyEmotes.Emote::name).toList());
        given().get("/7tv/v3/emote-sets/global").then().statusCode(200).body("emotes[0].name", equalTo("EZ"));

        given().contentType("application/json").body(Map.of("endpoint", "/bttv", "error_rate", 1.0, "error_status", 503))
                .put("/emulator/faults").then().statusCode(200);
        try {
            given().get("/bttv/3/cached/emotes/global").then().statusCode(503);
        } finally {
            given().delete("/emulator/faults").then().statusCode(200);
        }
    }
}
