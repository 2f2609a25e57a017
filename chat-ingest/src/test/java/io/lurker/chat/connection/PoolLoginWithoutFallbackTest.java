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
import io.lurker.tokenpool.service.TokenPoolAdmin;
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
 * {@code login=pool} with {@code pool.anonymous-fallback=false}: while the pool holds no usable
 * token no connection opens (closed as {@code login-unavailable}, retried with backoff, never
 * anonymous); once a token is stored the next attempt logs in with it.
 */
@QuarkusTest
@TestProfile(PoolLoginWithoutFallbackTest.NoFallback.class)
@WithTestResource(EmulatorTestResource.class)
class PoolLoginWithoutFallbackTest {

    public static class NoFallback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lurker.chat.irc.login", "pool", "lurker.chat.irc.pool.anonymous-fallback", "false",
                    "lurker.chat.emotes.enabled", "false");
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
    void waitsForAUsableTokenInsteadOfLoggingInAnonymously() {
        IrcEmulatorAdmin irc = new IrcEmulatorAdmin(emulatorUrl, adminKey);
        List<String> logins = irc.liveLogins(4);
        String channel = logins.get(0);
        service.watchlist().apply(("{\"schema\":1,\"version\":1,\"at\":\"2025-03-14T18:00:00Z\",\"added\":[{\"kind\":\"channel\","
                + "\"id\":\"0\",\"name\":\"" + channel + "\"}],\"removed\":[]}").getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/metrics").then().extract().asString()
                .matches("(?s).*lurker_chat_reconnects_total\\{reason=\"login-unavailable\"} ([2-9]|[1-9][0-9]+)\\.0.*"));
        assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("lurker_chat_logins_total{kind=\"none\"}").doesNotContain("kind=\"anonymous-fallback\"");
        assertThat(irc.connections()).noneMatch(c -> c.path("channels").toString().contains("\"" + channel + "\""));

        JsonNode user = emulator.addUser(logins.get(3), EmulatorTestResource.DEFAULT_CLIENT_ID, "chat:read");
        pool.putToken(NewToken.user(EmulatorTestResource.DEFAULT_CLIENT_ID, user.path("user_id").asText(),
                        user.path("access_token").asText(), user.path("refresh_token").asText(),
                        Instant.now().plusSeconds(3600), Set.of("chat:read")).withLogin(user.path("login").asText()))
                .await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> service.confirmedChannels().contains(channel));
        JsonNode connection = null;
        for (JsonNode c : irc.connections()) {
            if (c.path("channels").toString().contains("\"" + channel + "\"")) {
                connection = c;
            }
        }
        assertThat(connection).isNotNull();
        assertThat(connection.path("nick").asText()).isEqualTo(logins.get(3));
        assertThat(connection.path("anonymous").asBoolean()).isFalse();
    }
}
