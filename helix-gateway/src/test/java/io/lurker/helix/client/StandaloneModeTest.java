package io.lurker.helix.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.helix.support.HelixEmulator;
import io.lurker.tokenpool.model.TokenKind;
import io.lurker.tokenpool.model.TokenView;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Without auth-service: the pool is empty and the gateway mints its own app token from TWITCH_CLIENT_ID/SECRET. */
@QuarkusTest
@TestProfile(StandaloneModeTest.Standalone.class)
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.SIZE, value = "small"),
        @ResourceArg(name = EmulatorTestResource.PROPERTIES, value = "lurker.emulator.clips-page-cap=50")})
class StandaloneModeTest {

    public static class Standalone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lurker.helix.standalone.client-id", HelixEmulator.CLIENT_ID,
                    "lurker.helix.standalone.client-secret", HelixEmulator.CLIENT_SECRET,
                    "lurker.token-pool.prefix", "lurker-test:" + UUID.randomUUID() + ":auth:");
        }
    }

    @Inject
    TokenPoolAdmin pool;

    @Test
    void anEmptyPoolGetsAnAppTokenMintedFromTheConfiguredClient() {
        assertThat(pool.tokens().await().atMost(Duration.ofSeconds(10))).isEmpty();
        given().auth().oauth2(TestTokens.read()).queryParam("name", "Minecraft").get("/api/v1/helix/games")
                .then().statusCode(200).body("data[0].name", equalTo("Minecraft"));
        given().auth().oauth2(TestTokens.read()).queryParam("name", "Fortnite").get("/api/v1/helix/games")
                .then().statusCode(200);
        List<TokenView> tokens = pool.tokens().await().atMost(Duration.ofSeconds(10));
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).kind()).isEqualTo(TokenKind.APP);
        assertThat(tokens.get(0).clientId()).isEqualTo(HelixEmulator.CLIENT_ID);
    }
}
