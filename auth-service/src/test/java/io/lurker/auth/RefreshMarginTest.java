package io.lurker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.tokenpool.model.TokenKind;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.model.TokenView;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The refresh margin decides what a pass renews ahead of expiry: with a 5 h margin the
 * emulator's 4 h user tokens are refreshed at once while 58-day app tokens are left alone.
 * Readiness follows the tokens: down while a credential has no healthy token, up after a pass.
 */
@QuarkusTest
@TestProfile(RefreshMarginTest.WideMargin.class)
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.FIXTURE, value = "classpath:fixtures/small-world.json")})
class RefreshMarginTest {

    public static class WideMargin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lurker.auth.lifecycle.refresh-margin", "5h");
        }
    }

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @Test
    void tokensExpiringWithinTheMarginAreRenewedOthersAreNot() {
        String appId = Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "clientSecret", Api.DEV_SECRET))
                .post("/api/v1/credentials").then().statusCode(201).extract().path("tokenId");
        JsonNode user = emulator.addUser("bravo", Api.DEV_CLIENT, "chat:read");
        String userId = Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "refreshToken", user.path("refresh_token").asText()))
                .post("/api/v1/tokens/user").then().statusCode(201).extract().path("id");
        TokenView app = pool.token(appId).await().indefinitely().orElseThrow();
        TokenView userBefore = pool.token(userId).await().indefinitely().orElseThrow();

        Api.admin().post("/api/v1/tokens/lifecycle").then().statusCode(200);

        assertThat(pool.token(userId).await().indefinitely().orElseThrow().generation()).isEqualTo(userBefore.generation() + 1);
        assertThat(pool.token(appId).await().indefinitely().orElseThrow().generation()).isEqualTo(app.generation());
    }

    @Test
    void readinessIsDownWhileACredentialHasNoHealthyTokenAndUpAfterAPass() {
        Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "clientSecret", Api.DEV_SECRET))
                .post("/api/v1/credentials").then().statusCode(201);
        RestAssured.get("/q/health/ready").then().statusCode(200);
        for (TokenView token : pool.tokens().await().indefinitely()) {
            if (token.kind() == TokenKind.APP) {
                pool.markState(token.id(), TokenState.INVALID).await().indefinitely();
            }
        }
        RestAssured.get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'token-pool' }.data.credentialsWithoutHealthyToken", equalTo(Api.DEV_CLIENT));

        Api.admin().post("/api/v1/tokens/lifecycle").then().statusCode(200);
        RestAssured.get("/q/health/ready").then().statusCode(200);
    }
}
