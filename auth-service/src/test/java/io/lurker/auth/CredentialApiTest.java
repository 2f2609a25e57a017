package io.lurker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registering, listing and deleting Twitch credentials against the emulator's /oauth2/token. */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.FIXTURE, value = "classpath:fixtures/small-world.json")})
class CredentialApiTest {

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Test
    void registersAcceptedCredentialWithAnAppTokenAndListsItWithoutTheSecret() {
        emulator.addClient("cred-ok", "cred-ok-secret-1");
        String tokenId = Api.admin().body(Map.of("clientId", "cred-ok", "clientSecret", "cred-ok-secret-1"))
                .post("/api/v1/credentials")
                .then().statusCode(201)
                .body("clientId", equalTo("cred-ok"))
                .extract().path("tokenId");

        String listing = Api.admin().get("/api/v1/credentials").then().statusCode(200)
                .body("clientId", hasItem("cred-ok"))
                .extract().asString();
        assertThat(listing).doesNotContain("cred-ok-secret-1");

        Api.admin().get("/api/v1/tokens/" + tokenId).then().statusCode(200)
                .body("kind", equalTo("app"))
                .body("clientId", equalTo("cred-ok"))
                .body("state", equalTo("healthy"))
                .body("bucket", equalTo("app:cred-ok"));
    }

    @Test
    void wrongSecretIs422WithTwitchsReason() {
        Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "clientSecret", "not-the-secret"))
                .post("/api/v1/credentials")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("invalid client secret"))
                .body("twitchReason", equalTo("invalid client secret"))
                .body(not(containsString("not-the-secret")));
        Api.admin().get("/api/v1/credentials").then().statusCode(200).body("clientId", not(hasItem("lurker-dev-client-x")));
    }

    @Test
    void unknownClientIs422() {
        Api.admin().body(Map.of("clientId", "nobody-registered-this", "clientSecret", "whatever"))
                .post("/api/v1/credentials")
                .then().statusCode(422)
                .body("twitchReason", equalTo("invalid client"));
        Api.admin().get("/api/v1/credentials").then().statusCode(200).body("clientId", not(hasItem("nobody-registered-this")));
    }

    @Test
    void malformedCredentialsAre400() {
        Api.admin().body(Map.of("clientId", "bad id with spaces", "clientSecret", "x"))
                .post("/api/v1/credentials")
                .then().statusCode(400).contentType("application/problem+json").body("parameter", equalTo("clientId"));
        Api.admin().body(Map.of("clientId", "fine-id"))
                .post("/api/v1/credentials")
                .then().statusCode(400).body("parameter", equalTo("clientSecret"));
        Api.admin().body("{\"clientId\": ")
                .post("/api/v1/credentials")
                .then().statusCode(400).contentType("application/problem+json");
        Api.admin().post("/api/v1/credentials")
                .then().statusCode(400).contentType("application/problem+json");
        Api.admin().delete("/api/v1/credentials/bad:id")
                .then().statusCode(400);
    }

    @Test
    void deleteRemovesCredentialAndItsTokens() {
        emulator.addClient("cred-del", "cred-del-secret");
        String tokenId = Api.admin().body(Map.of("clientId", "cred-del", "clientSecret", "cred-del-secret"))
                .post("/api/v1/credentials").then().statusCode(201).extract().path("tokenId");

        Api.admin().delete("/api/v1/credentials/cred-del").then().statusCode(204);

        Api.admin().get("/api/v1/credentials").then().body("clientId", not(hasItem("cred-del")));
        Api.admin().get("/api/v1/tokens/" + tokenId).then().statusCode(404).body("type", startsWith("urn:lurker:problem:"));
        Api.admin().delete("/api/v1/credentials/cred-del").then().statusCode(404);
    }
}
