package io.lurker.chat.connection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.emulator.testing.IrcEmulatorAdmin;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.LogCapture;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code lurker.chat.irc.login=pool} against the emulator's TMI server: a user token put into the
 * pool logs the connection in under its login; a revoked token (refused by validate) and a token
 * TMI refuses ({@code Login authentication failed}) are marked invalid and the connection falls
 * back to an anonymous login; no token reaches the logs.
 */
@QuarkusTest
@TestProfile(PoolLoginTest.PoolLogin.class)
@WithTestResource(EmulatorTestResource.class)
class PoolLoginTest {

    public static class PoolLogin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lurker.chat.irc.login", "pool", "lurker.chat.emotes.enabled", "false");
        }
    }

    @Inject
    ChatIngestService service;

    @Inject
    TokenPoolAdmin pool;

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    private final String emulatorUrl = ConfigProvider.getConfig().getValue("lurker.test.emulator.url", String.class);
    private final String adminKey = ConfigProvider.getConfig().getValue("lurker.test.emulator.admin-key", String.class);

    @Test
    void logsInWithAPooledUserTokenAndFallsBackToAnonymousWhenItIsRefused() {
        IrcEmulatorAdmin irc = new IrcEmulatorAdmin(emulatorUrl, adminKey);
        List<String> logins = irc.liveLogins(3);
        String channel = logins.get(0);
        JsonNode bravo = emulator.addUser(logins.get(1), EmulatorTestResource.DEFAULT_CLIENT_ID, "chat:read");
        String bravoId = store(bravo);
        // charlie's Twitch token lacks chat:read, though the pool was told it has it: only TMI can tell
        JsonNode charlie = emulator.addUser(logins.get(2), EmulatorTestResource.DEFAULT_CLIENT_ID);

        try (LogCapture logs = LogCapture.start()) {
            service.watchlist().apply(("{\"schema\":1,\"version\":1,\"at\":\"2025-03-14T18:00:00Z\",\"added\":[{\"kind\":\"channel\","
                    + "\"id\":\"0\",\"name\":\"" + channel + "\"}],\"removed\":[]}").getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(30)).until(() -> service.confirmedChannels().contains(channel));
            assertThat(connectionOf(irc, channel).path("nick").asText()).isEqualTo(logins.get(1));
            assertThat(connectionOf(irc, channel).path("anonymous").asBoolean()).isFalse();

            // revoked at Twitch: validate answers 401, the token is marked invalid, the next login is anonymous
            emulator.revokeToken(bravo.path("access_token").asText());
            irc.fault("drop", channel, null, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> connectionOf(irc, channel).path("anonymous").asBoolean(false)
                    && service.confirmedChannels().contains(channel));
            assertThat(state(bravoId)).isEqualTo(TokenState.INVALID);

            // validate accepts it, TMI refuses it: marked invalid, the connection after it is anonymous
            String charlieId = store(charlie);
            irc.fault("drop", channel, null, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> state(charlieId) == TokenState.INVALID);
            await().atMost(Duration.ofSeconds(30)).until(() -> connectionOf(irc, channel).path("anonymous").asBoolean(false)
                    && service.confirmedChannels().contains(channel));

            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("lurker_chat_logins_total{kind=\"user\"}")
                    .contains("lurker_chat_logins_total{kind=\"anonymous-fallback\"}")
                    .contains("lurker_chat_login_refusals_total{by=\"validate\"} 1.0")
                    .contains("lurker_chat_login_refusals_total{by=\"irc\"} 1.0")
                    .contains("lurker_chat_reconnects_total{reason=\"login-refused\"}");
            assertThat(logs.lines()).anyMatch(l -> l.contains("logs in anonymously"));
            logs.assertNoneOf(List.of(bravo.path("access_token").asText(), charlie.path("access_token").asText(),
                    bravo.path("refresh_token").asText(), charlie.path("refresh_token").asText()));
        }
    }

    private String store(JsonNode grant) {
        return pool.putToken(NewToken.user(EmulatorTestResource.DEFAULT_CLIENT_ID, grant.path("user_id").asText(),
                        grant.path("access_token").asText(), grant.path("refresh_token").asText(),
                        Instant.now().plusSeconds(grant.path("expires_in").asLong(3600)), Set.of("chat:read")).withLogin(grant.path("login").asText()))
                .await().atMost(Duration.ofSeconds(10)).id();
    }

    private TokenState state(String tokenId) {
        return pool.token(tokenId).await().atMost(Duration.ofSeconds(10)).orElseThrow().state();
    }

    /** The emulator's view of the one connection that has joined the channel (an empty node when none). */
    private static JsonNode connectionOf(IrcEmulatorAdmin irc, String channel) {
        for (JsonNode c : irc.connections()) {
            for (JsonNode joined : c.path("channels")) {
                if (joined.asText().equals(channel)) {
                    return c;
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
